import { afterEach, describe, expect, it } from 'vitest';
import type { components } from '../../clients/typescript/src/schema.ts';
import { routes } from '../../functions/http/routes.ts';
import { expireDueInOrg } from '../../shared/domain/invitations/expire-invitations.ts';
import { direct } from '../helpers/direct.ts';
import { domainOrg } from '../helpers/members.ts';
import { everyPage } from '../helpers/paging.ts';
import { type User, useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

/** An event as GET /orgs/{orgId}/audit answers it (docs/openapi.json). */
type Event = components['schemas']['AuditEvent'];

const unique = () => Math.random().toString(36).slice(2, 8);

async function audit(admin: User, orgId: string, query = '') {
  const res = await api.as(admin).get(`/orgs/${orgId}/audit${query ? `?${query}` : ''}`);
  expect(res.status).toBe(200);
  return res.body.items as Event[];
}

afterEach(async () => {
  await api.setClock(0);
});

describe('the audit trail', { timeout: 120_000 }, () => {
  it('answers who invited whom with which role, and what happened to each invitation', async () => {
    // Prepare
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    const [bob, carol, dave, erin] = await Promise.all(['Bob', 'Carol', 'Dave', 'Erin'].map((n) => api.user(n)));
    const sent = await api.invite(ada, org.orgId, {
      invitees: [
        { email: bob!.email, role: 'member' },
        { email: carol!.email, role: 'viewer' },
        { email: dave!.email, role: 'admin' },
        { email: erin!.email, role: 'member' },
      ],
      sendEmail: false,
    });
    const id = Object.fromEntries(sent.body.results.map((r) => [r.email, r.invitationId]));

    // Act
    await api.as(bob!).post('/invitations/accept', { token: await db.linkToken(org.orgId, id[bob!.email]!) });
    await api.as(carol!).post('/invitations/decline', { token: await db.linkToken(org.orgId, id[carol!.email]!) });
    await api.as(ada).post(`/orgs/${org.orgId}/invitations/${id[dave!.email]}/resend`);
    await api.as(ada).post(`/orgs/${org.orgId}/invitations/${id[dave!.email]}/revoke`);
    await api.setClock(8 * 86_400);
    await expireDueInOrg(api.stack.runtime.deps, org.orgId);

    // Assess
    const events = await audit(ada, org.orgId, 'type=invitation.*,member.added&limit=200');
    // oldest first; the events of one transaction share their `at`, and are compared by type
    const story = (email: string) =>
      events
        .filter((e) => e.target.email === email)
        .sort((x, y) => x.at.localeCompare(y.at) || x.type.localeCompare(y.type))
        .map((e) => [e.type, 'system' in e.actor ? 'system' : e.actor.email, e.details.role ?? null]);
    expect(story(bob!.email)).toEqual([
      ['invitation.sent', ada.email, 'member'],
      ['invitation.accepted', bob!.email, 'member'],
      ['member.added', bob!.email, 'member'],
    ]);
    expect(story(carol!.email)).toEqual([
      ['invitation.sent', ada.email, 'viewer'],
      ['invitation.declined', carol!.email, null],
    ]);
    expect(story(dave!.email)).toEqual([
      ['invitation.sent', ada.email, 'admin'],
      ['invitation.resent', ada.email, null],
      ['invitation.revoked', ada.email, null],
    ]);
    expect(story(erin!.email)).toEqual([
      ['invitation.sent', ada.email, 'member'],
      ['invitation.expired', 'system', null],
    ]);
    const accepted = events.find((e) => e.type === 'invitation.accepted');
    expect(accepted?.target.invitationId).toBe(id[bob!.email]);
    expect(accepted?.details.invitedBy).toBe(ada.userId);
    for (const e of events) expect(Object.keys(e).sort()).toEqual(['actor', 'at', 'details', 'eventId', 'target', 'type']);
    const bySystem = await audit(ada, org.orgId, 'actor=system');
    expect(bySystem.map((e) => [e.type, e.target.email])).toEqual([['invitation.expired', erin!.email]]);
  });

  it('records org creation and each settings change with its before and after', async () => {
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada, { name: 'Acme' });

    await api.as(ada).patch(`/orgs/${org.orgId}`, { name: 'Acme Inc', allowedDomains: ['acme.com'], invitationTtlDays: 3 });

    const [updated, created] = await audit(ada, org.orgId, 'type=org.*');
    expect(created).toMatchObject({ type: 'org.created', actor: { userId: ada.userId, email: ada.email }, details: { name: 'Acme', plan: 'standard' } });
    expect(updated).toMatchObject({
      type: 'org.updated',
      target: { orgId: org.orgId },
      details: { changes: { name: { from: 'Acme', to: 'Acme Inc' }, allowedDomains: { from: [], to: ['acme.com'] }, invitationTtlDays: { from: 7, to: 3 } } },
    });
  });

  it('records an auto-join as member.added by the person who joined', async () => {
    const { domain: d, ada, org, cole } = await domainOrg(api, 'viewer');

    await api.as(cole).post(`/orgs/${org.orgId}/join`);

    const [added] = await audit(ada, org.orgId, 'type=member.added');
    expect(added).toMatchObject({
      actor: { userId: cole.userId, email: cole.email },
      target: { userId: cole.userId, email: cole.email },
      details: { role: 'viewer', via: 'auto_join', domain: d },
    });
  });

  it('a refused change writes no event; two racing accepts write one', async () => {
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    const bob = await api.user('Bob');
    const sent = await api.invite(ada, org.orgId, { emails: bob.email, sendEmail: false });
    const invitationId = sent.body.results[0]!.invitationId;
    const token = await db.linkToken(org.orgId, invitationId!);

    const accepts = await Promise.all([1, 2, 3].map(() => api.as(bob).post('/invitations/accept', { token })));
    const revoke = await api.as(ada).post(`/orgs/${org.orgId}/invitations/${invitationId}/revoke`);

    expect(accepts.every((r) => r.status === 200)).toBe(true);
    expect(revoke.status).toBe(409);
    const events = await audit(ada, org.orgId, 'type=invitation.accepted,invitation.revoked,member.added');
    expect(events.map((e) => e.type).sort()).toEqual(['invitation.accepted', 'member.added']);
  });

  it('each event is stored with a TTL of AUDIT_RETENTION_DAYS (400 by default) after it happened', async () => {
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);

    const items = await db.partition(`AUDIT#${org.orgId}`);

    expect(api.stack.runtime.config.AUDIT_RETENTION_DAYS).toBe(400);
    expect(items).toHaveLength(1);
    const item = items[0] as { at: string; ttl: number; SK: string; eventId: string };
    expect(item.SK).toBe(`${item.at}#${item.eventId}`);
    expect(item.ttl).toBe(Math.floor(Date.parse(item.at) / 1000) + 400 * 86_400);
  });

  it('is append-only: no route changes or deletes an event', () => {
    const auditRoutes = routes.filter((r) => r.path.includes('audit'));
    expect(auditRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /orgs/{orgId}/audit']);
  });
});

describe('reading the audit trail', { timeout: 120_000 }, () => {
  /** An org with 1 org.created, 1 org.updated and 5 invitation.sent events, in that order. */
  async function busyOrg() {
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    await api.as(ada).patch(`/orgs/${org.orgId}`, { invitationTtlDays: 5 });
    for (let i = 0; i < 5; i++) await api.invite(ada, org.orgId, { emails: `p${i}.${unique()}@example.com`, sendEmail: false });
    return { ada, org };
  }

  it('lists newest first and filters by exact types and by prefix', async () => {
    const { ada, org } = await busyOrg();

    const all = await audit(ada, org.orgId);
    const exact = await audit(ada, org.orgId, 'type=org.created,org.updated');
    const prefix = await audit(ada, org.orgId, 'type=invitation.*');

    expect(all.map((e) => e.type)).toEqual([...Array(5).fill('invitation.sent'), 'org.updated', 'org.created']);
    expect([...all].map((e) => e.at)).toEqual(
      [...all]
        .map((e) => e.at)
        .sort()
        .reverse(),
    );
    expect(exact.map((e) => e.type)).toEqual(['org.updated', 'org.created']);
    expect(prefix).toHaveLength(5);
  });

  it('filters by actor, a user or the system', async () => {
    const { ada, org } = await busyOrg();
    const bob = await api.user('Bob');
    await api.as(ada).post(`/orgs/${org.orgId}/invitations`, { emails: bob.email, sendEmail: false });
    const [inv] = await audit(ada, org.orgId, 'type=invitation.sent&limit=1');
    await api.as(bob).post('/invitations/decline', { token: await db.linkToken(org.orgId, String(inv?.target.invitationId)) });

    const byBob = await audit(ada, org.orgId, `actor=${bob.userId}`);
    const bySystem = await audit(ada, org.orgId, 'actor=system');

    expect(byBob.map((e) => e.type)).toEqual(['invitation.declined']);
    expect(bySystem).toEqual([]);
  });

  it('filters by time: since is inclusive, until exclusive', async () => {
    const { ada, org } = await busyOrg();
    const all = await audit(ada, org.orgId);
    const updated = all.find((e) => e.type === 'org.updated') as Event;
    const newest = all[0] as Event;

    const since = await audit(ada, org.orgId, `since=${updated.at}`);
    const until = await audit(ada, org.orgId, `until=${updated.at}`);
    const window = await audit(ada, org.orgId, `since=${updated.at}&until=${newest.at}`);

    expect(since.map((e) => e.eventId)).toEqual(all.slice(0, 6).map((e) => e.eventId));
    expect(until.map((e) => e.type)).toEqual(['org.created']);
    expect(window.map((e) => e.eventId)).toEqual(all.slice(1, 6).map((e) => e.eventId));
  });

  it('pages through the trail with cursors, without gaps or repeats', async () => {
    const { ada, org } = await busyOrg();
    const all = await audit(ada, org.orgId);

    const pages = await everyPage<Event>(api, ada, `/orgs/${org.orgId}/audit?limit=2`);

    expect(pages.flat().map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
    expect(pages).toHaveLength(4);
  });

  it('one request inviting many keeps their events in shared items (10 each), and pages through them one by one', async () => {
    // Prepare
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    const emails = Array.from({ length: 12 }, (_, i) => `batch${i}.${unique()}@example.com`);
    const sent = await api.invite(ada, org.orgId, { emails, sendEmail: false });

    // Act
    const all = await audit(ada, org.orgId);
    const pages = await everyPage<Event>(api, ada, `/orgs/${org.orgId}/audit?type=invitation.sent&limit=5`);

    // Assess
    expect(await db.partition(`AUDIT#${org.orgId}`)).toHaveLength(3);
    expect(all.map((e) => e.type)).toEqual([...Array(12).fill('invitation.sent'), 'org.created']);
    const byEmail = new Map(all.slice(0, 12).map((e) => [e.target.email, e]));
    for (const r of sent.body.results as { email: string; invitationId: string }[]) {
      expect(byEmail.get(r.email)).toMatchObject({ target: { invitationId: r.invitationId }, actor: { userId: ada.userId }, details: { role: 'member' } });
    }
    expect(new Set(all.map((e) => e.eventId)).size).toBe(13);
    // a page ends inside the item of 10 whichever of the two items comes first, without a gap or a repeat
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(pages.flat().map((e) => e.eventId)).toEqual(all.slice(0, 12).map((e) => e.eventId));
  });

  it('refuses a forged cursor, a cursor from another org and one from another filter', async () => {
    // Prepare
    const { ada, org } = await busyOrg();
    const other = await busyOrg();
    const page = await api.as(ada).get(`/orgs/${org.orgId}/audit?limit=2`);
    const cursor = page.body.nextCursor as string;
    const [body, sig] = cursor.split('.') as [string, string];
    const decoded = JSON.parse(Buffer.from(body, 'base64url').toString());
    // the attack: point the cursor at another org's partition, keeping the old signature
    const forgedBody = Buffer.from(JSON.stringify({ ...decoded, k: { ...decoded.k, PK: `AUDIT#${other.org.orgId}` } })).toString('base64url');
    const otherCursor = (await api.as(other.ada).get(`/orgs/${other.org.orgId}/audit?limit=2`)).body.nextCursor as string;

    // Act
    const attempts = await Promise.all([
      api.as(ada).get(`/orgs/${org.orgId}/audit?limit=2&cursor=${forgedBody}.${sig}`),
      api.as(ada).get(`/orgs/${org.orgId}/audit?limit=2&cursor=${encodeURIComponent(`${body}.${sig.slice(0, -2)}AA`)}`),
      api.as(ada).get(`/orgs/${org.orgId}/audit?limit=2&cursor=not-a-cursor`),
      api.as(ada).get(`/orgs/${org.orgId}/audit?limit=2&cursor=${encodeURIComponent(otherCursor)}`),
      api.as(ada).get(`/orgs/${org.orgId}/audit?limit=2&type=invitation.*&cursor=${encodeURIComponent(cursor)}`),
    ]);

    // Assess
    expect(attempts.map((r) => [r.status, r.body.code])).toEqual(Array(5).fill([400, 'invalid_cursor']));
  });

  it('refuses unknown event types and malformed filters with 400', async () => {
    const { ada, org } = await busyOrg();

    const unknown = await api.as(ada).get(`/orgs/${org.orgId}/audit?type=invitation.teleported`);
    const badPrefix = await api.as(ada).get(`/orgs/${org.orgId}/audit?type=nothing.*`);
    const badDate = await api.as(ada).get(`/orgs/${org.orgId}/audit?since=yesterday`);
    const backwards = await api.as(ada).get(`/orgs/${org.orgId}/audit?since=2030-01-01T00:00:00Z&until=2020-01-01T00:00:00Z`);

    expect([unknown.status, badPrefix.status, badDate.status, backwards.status]).toEqual([400, 400, 400, 400]);
    expect(unknown.body.errors![0]!.message).toContain('invitation.teleported');
  });

  it('is for admins only: members are refused, outsiders do not learn the org exists', async () => {
    const { org, cole } = await domainOrg(api, 'member');
    await api.as(cole).post(`/orgs/${org.orgId}/join`);
    const outsider = await api.user('Otto');

    const asMember = await api.as(cole).get(`/orgs/${org.orgId}/audit`);
    const asOutsider = await api.as(outsider).get(`/orgs/${org.orgId}/audit`);

    expect([asMember.status, asMember.body.code]).toEqual([403, 'forbidden']);
    expect([asOutsider.status, asOutsider.body.code]).toEqual([404, 'org_not_found']);
  });
});
