import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { statusesOf } from '../helpers/invite-results.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();

/** Every item in an org's partition and audit trail: to prove a refused request wrote nothing. */
async function itemsOf(orgId: string) {
  const { doc, name } = api.stack.runtime.table;
  const q = async (pk: string) =>
    (await doc.send(new QueryCommand({ TableName: name, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk } }))).Items ?? [];
  return [...(await q(`ORG#${orgId}`)), ...(await q(`AUDIT#${orgId}`))].length;
}

describe('inviting people', () => {
  it('answers 207 with a result per recipient when not everyone was invited', async () => {
    const { admin, org, invitee: pending } = await api.inviteOne('Admin', 'Pending');
    const fresh = await api.user('Fresh');

    const r = await api.invite(admin, org.orgId, { emails: [admin.email, pending.email, 'not-an-address', fresh.email] });

    expect(r.status).toBe(207);
    expect(r.body.results).toEqual([
      { email: admin.email, status: 'already_member', code: 'already_member' },
      { email: pending.email, status: 'already_invited', code: 'already_invited' },
      { email: 'not-an-address', status: 'invalid_email', code: 'invalid_email' },
      { email: fresh.email, status: 'invited', invitationId: expect.stringMatching(/^inv_/) },
    ]);
    expect(await api.emailsTo(pending.email)).toHaveLength(1);
  });

  it('race: ten concurrent invitations of one email create exactly one pending invitation', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    const target = await api.user('Target');
    const results = await Promise.all(Array.from({ length: 10 }, () => api.invite(admin, org.orgId, { emails: target.email })));
    const statuses = results.map((r) => r.body.results[0]!.status).sort();
    expect(statuses.filter((s) => s === 'invited')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'already_invited')).toHaveLength(9);
    const list = await api.as(admin).get(`/orgs/${org.orgId}/invitations?status=pending`);
    expect(list.body.items).toHaveLength(1);
    expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts.pendingInvitations).toBe(1);
    expect(await api.emailsTo(target.email)).toHaveLength(1);
  });

  it('an invitation can carry per-person roles and names and a personal note', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin, { name: 'Notes Inc' });
    const r = await api.invite(admin, org.orgId, {
      invitees: [{ email: 'Boss@Example.com', role: 'admin', firstName: 'Bo', lastName: 'Ss' }],
      emails: 'plain@example.com',
      role: 'viewer',
      message: 'Welcome <aboard>!',
    });
    expect(r.status).toBe(201);
    const list = (await api.as(admin).get(`/orgs/${org.orgId}/invitations`)).body.items as { email: string; role: string; firstName?: string }[];
    expect(list.find((i) => i.email === 'boss@example.com')).toMatchObject({ role: 'admin', firstName: 'Bo' });
    expect(list.find((i) => i.email === 'plain@example.com')).toMatchObject({ role: 'viewer' });
    const [mail] = await api.emailsTo('boss@example.com');
    expect(mail?.text).toContain('as an admin');
    expect(mail?.text).toContain('Welcome <aboard>!');
    expect(mail?.html).toContain('Welcome &lt;aboard&gt;!');
  });

  it('inviting hundreds of addresses in one request invites them all, and the pending count is exact', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    await api.setPlan(org.orgId, 'enterprise');
    // 400 takes the bulk path (reserved places, parallel chunks); 1000 is counted in round-trips.test.ts
    // and timed with its emails by `npm run bench`
    const emails = Array.from({ length: 400 }, (_, i) => `bulk${i}@bulk.example.com`).join('\n');
    // as the contract tells clients: an answer cut short by the deadline (207 with incomplete: true, or
    // 503 service_busy when nothing or only part was written in time; a loaded machine's DynamoDB Local
    // reaches both) is completed by sending the same request with the same Idempotency-Key; while a
    // cut-off attempt's key is still locked (409 idempotency_in_progress, up to 60 s) the client waits
    const send = () => api.as(admin).post(`/orgs/${org.orgId}/invitations`, { emails, sendEmail: false }, { 'idempotency-key': 'bulk-400' });
    const notFinal = (res: { status: number; body: { incomplete?: boolean | undefined; code?: string | undefined } }) =>
      (res.status === 207 && res.body.incomplete === true) ||
      (res.status === 503 && res.body.code === 'service_busy') ||
      (res.status === 409 && res.body.code === 'idempotency_in_progress');
    let r = await send();
    for (let attempt = 1; notFinal(r) && attempt < 20; attempt++) {
      if (r.status === 409) await new Promise((done) => setTimeout(done, 5_000));
      r = await send();
    }
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
    expect(r.body.results).toHaveLength(400);
    expect(new Set(r.body.results.map((x) => x.invitationId)).size).toBe(400);
    expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts.pendingInvitations).toBe(400);
    const again = await api.invite(admin, org.orgId, { emails: 'bulk0@bulk.example.com, bulk399@bulk.example.com, new@bulk.example.com' });
    expect(statusesOf(again)).toEqual(['already_invited', 'already_invited', 'invited']);
    expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts.pendingInvitations).toBe(401);
  }, 300_000);

  it('a batch of invitations is emailed, one email per address', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    const emails = Array.from({ length: 30 }, (_, i) => `batch${i}@batch.example.com`);
    expect((await api.invite(admin, org.orgId, { emails })).status).toBe(201);
    await api.stack.settle();
    const sent = (await api.request('GET', '/_local/emails')).body.items as { to: string }[];
    expect(
      sent
        .filter((m) => m.to.endsWith('@batch.example.com'))
        .map((m) => m.to)
        .sort(),
    ).toEqual([...emails].sort());
  }, 60_000);

  it('only admins invite: a member is forbidden, an outsider does not learn the org exists', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    const member = await api.user('Member');
    await api.invite(admin, org.orgId, { emails: member.email });
    await api.as(member).post('/invitations/accept', { token: await api.linkTokenFor(member.email) });
    const before = await itemsOf(org.orgId);

    const byMember = await api.invite(member, org.orgId, { emails: 'x@example.com' });
    const outsider = await api.user('Outsider');
    const byOutsider = await api.invite(outsider, org.orgId, { emails: 'x@example.com' });

    expect([byMember.status, byMember.body.code]).toEqual([403, 'forbidden']);
    expect([byOutsider.status, byOutsider.body.code]).toEqual([404, 'org_not_found']);
    expect(await itemsOf(org.orgId)).toBe(before);
  });

  it('the invitation TTL comes from the org setting', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    expect((await api.as(admin).patch(`/orgs/${org.orgId}`, { invitationTtlDays: 2 })).status).toBe(200);
    await api.invite(admin, org.orgId, { emails: 'ttl@example.com' });
    const [inv] = (await api.as(admin).get(`/orgs/${org.orgId}/invitations`)).body.items;
    expect(Date.parse(inv!.expiresAt) - Date.parse(inv!.createdAt)).toBe(2 * 86_400_000);
  });
});

describe('a malformed invite request is refused whole, with a clear error and nothing written', () => {
  const cases: [string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, number, string][] = [
    ['malformed JSON', { rawBody: '{"emails": "a@x.com",', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
    ['a JSON array instead of an object', { body: ['a@x.com'] }, 400, 'validation_failed'],
    ['a wrong type', { body: { emails: 42 } }, 400, 'validation_failed'],
    ['an unknown field', { body: { emails: 'a@x.com', rol: 'admin' } }, 400, 'validation_failed'],
    ['an unknown role', { body: { emails: 'a@x.com', role: 'owner' } }, 400, 'validation_failed'],
    ['no recipient', { body: { emails: ' , ; ' } }, 400, 'validation_failed'],
    ['no emails field at all', { body: {} }, 400, 'validation_failed'],
    ['1001 recipients', { body: { emails: Array.from({ length: 1001 }, (_, i) => `p${i}@x.com`).join(',') } }, 400, 'validation_failed'],
    ['a 501-character message', { body: { emails: 'a@x.com', message: 'm'.repeat(501) } }, 400, 'validation_failed'],
    ['a huge string', { body: { emails: 'a'.repeat(400_000) } }, 400, 'validation_failed'],
    [
      'a body over 512 KB',
      { rawBody: JSON.stringify({ emails: 'a'.repeat(600_000) }), headers: { 'content-type': 'application/json' } },
      413,
      'payload_too_large',
    ],
    ['a form-encoded body', { rawBody: 'emails=a@x.com', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
  ];

  it.each(cases)('%s', async (_name, req, status, code) => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    const before = await itemsOf(org.orgId);
    const r = await api.request('POST', `/orgs/${org.orgId}/invitations`, { token: admin.token, ...req });
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.body).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String) });
    expect(JSON.stringify(r.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/); // never a stack trace
    expect(await itemsOf(org.orgId)).toBe(before);
  });

  it('validation errors name the field', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    const r = await api.invite(admin, org.orgId, { emails: 'a@x.com', role: 'owner' });
    expect(r.body.errors).toEqual([expect.objectContaining({ path: 'body.role' })]);
  });

  it('non-ASCII addresses are reported per recipient, not crashed on', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    const r = await api.invite(admin, org.orgId, { emails: 'jörg@example.com, ok@example.com, 名前@例え.jp' });
    expect(r.status).toBe(207);
    expect(statusesOf(r)).toEqual(['invalid_email', 'invited', 'invalid_email']);
  });
});
