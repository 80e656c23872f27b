import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { statusesOf } from '../helpers/invite-results.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * The invite dry run predicts the limits' refusals (issue 20): the daily email quotas' 429 and the
 * plan's pending limit, on a deployment whose plan makes both small. Each prediction is followed by
 * the real invite, which must refuse with the same code, and the dry run must have written nothing,
 * its quota counters included.
 */
const api = useStack({
  plans: {
    default: 'small',
    plans: {
      small: {
        pendingInvitations: 8,
        members: 100,
        directAdd: false,
        invitationEmailsPerOrgPerDay: { max: 10, warmUpBase: 10, warmUpPerAcceptedInvitation: 0 },
        invitationEmailsPerInviterPerDay: 30,
        resendsPerOrgPerDay: 100,
        orgsCreatedPerUserPerDay: 5,
      },
    },
  },
});

const unique = () => Math.random().toString(36).slice(2, 8);
const addresses = (n: number, tag = unique()) => Array.from({ length: n }, (_, i) => `p${i}.${tag}@example.com`);
const dryRun = (orgId: string) => `/orgs/${orgId}/invitations?dryRun=true` as const;

/** Every item the org and its admin own: the org's partition, its audit trail and both quota counters. */
async function everything(orgId: string, admin: User) {
  const { doc, name } = api.stack.runtime.table;
  const q = async (pk: string) =>
    (await doc.send(new QueryCommand({ TableName: name, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true })))
      .Items ?? [];
  return {
    org: await q(`ORG#${orgId}`),
    audit: await q(`AUDIT#${orgId}`),
    quotas: [...(await q(`QUOTA#${orgId}`)), ...(await q(`QUOTA#${admin.userId}`))],
  };
}

describe('the invite dry run predicts the limits', () => {
  it('a request whose emails exceed what is left of the daily allowance: the dry run answers the 429 inviting answers, reserving nothing', async () => {
    const admin = await api.user('Quota');
    const org = await api.createOrg(admin);
    expect((await api.invite(admin, org.orgId, { emails: addresses(4) })).status).toBe(201);
    await api.stack.settle();
    const before = await everything(org.orgId, admin);
    expect(before.quotas.find((i) => String(i.SK).startsWith('org_invitation_emails#'))?.used).toBe(4);
    const seven = addresses(7);

    const predicted = await api.as(admin).post(dryRun(org.orgId), { emails: seven });
    const after = await everything(org.orgId, admin);
    const real = await api.invite(admin, org.orgId, { emails: seven });

    // needs 7, 6 of the 10 left: refused whole, with the same numbers as the real refusal
    expect(predicted.status).toBe(429);
    expect(predicted.headers.get('content-type')).toBe('application/problem+json');
    expect(predicted.body.code).toBe('invitation_limit_reached');
    expect(predicted.body.rateLimit).toMatchObject({ policy: 'org_invitation_emails', quota: 10, remaining: 6 });
    expect(predicted.headers.get('ratelimit')).toMatch(/^"org_invitation_emails";r=6;t=\d+$/);
    expect(after).toEqual(before);
    expect([real.status, real.body.code]).toEqual([429, 'invitation_limit_reached']);
    expect(real.body.rateLimit).toEqual({ ...predicted.body.rateLimit, resetSeconds: real.body.rateLimit!.resetSeconds });
    expect(real.body.detail).toBe(predicted.body.detail);
    // silent invitations send no email and are not counted: then only the pending limit (8) speaks
    const silent = await api.as(admin).post(dryRun(org.orgId), { emails: seven, sendEmail: false });
    expect(silent.status).toBe(200);
    expect(statusesOf(silent)).toEqual(['ready', 'ready', 'ready', 'ready', 'pending_limit_reached', 'pending_limit_reached', 'pending_limit_reached']);
  });

  it("a request past the plan's pending limit: the dry run marks the recipients inviting would refuse, in order, and writes nothing", async () => {
    const admin = await api.user('Pending');
    const org = await api.createOrg(admin);
    const held = addresses(6);
    expect((await api.invite(admin, org.orgId, { emails: held, sendEmail: false })).status).toBe(201);
    const fresh = addresses(3);
    const list = [held[0], fresh[0], 'not-an-address', fresh[1], fresh[2]];
    const before = await everything(org.orgId, admin);

    const predicted = await api.as(admin).post(dryRun(org.orgId), { emails: list, sendEmail: false });
    const after = await everything(org.orgId, admin);
    const real = await api.invite(admin, org.orgId, { emails: list, sendEmail: false });

    // 6 of 8 places taken: the first two new recipients fit, the third does not
    expect(predicted.status).toBe(200);
    expect(predicted.body.results).toEqual([
      { email: held[0], status: 'already_invited', code: 'already_invited' },
      { email: fresh[0], status: 'ready' },
      { email: 'not-an-address', status: 'invalid_email', code: 'invalid_email' },
      { email: fresh[1], status: 'ready' },
      { email: fresh[2], status: 'pending_limit_reached', code: 'pending_limit_reached' },
    ]);
    expect(after).toEqual(before);
    expect(real.status).toBe(207);
    expect(statusesOf(real)).toEqual(['already_invited', 'invited', 'invalid_email', 'invited', 'pending_limit_reached']);
    expect(real.body.results[4]!.code).toBe('pending_limit_reached');
    // full now: a dry run of one more is refused the same way
    const full = await api.as(admin).post(dryRun(org.orgId), { emails: addresses(1), sendEmail: false });
    expect(full.body.results[0]).toMatchObject({ status: 'pending_limit_reached', code: 'pending_limit_reached' });
  });
});
