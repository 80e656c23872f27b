import { afterEach, describe, expect, it } from 'vitest';
import { invitations as invitationStoreOfRoutes } from '../../functions/http/adapters.ts';
import { main as recountCli } from '../../scripts/recount.ts';
import { DynamoCounterStore } from '../../shared/adapters/dynamodb/counter-store.ts';
import { defaultPlans } from '../../shared/config.ts';
import { expireDueInOrg, expireInvitations } from '../../shared/domain/invitations/expire-invitations.ts';
import { recountOrg } from '../../shared/domain/orgs/recount.ts';
import type { Deps } from '../../shared/ports.ts';
import { direct } from '../helpers/direct.ts';
import { type User, useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

const unique = () => Math.random().toString(36).slice(2, 8);
const emails = (n: number, tag = unique()) => Array.from({ length: n }, (_, i) => `p${i}.${tag}@example.com`);
type Result = { email: string; status: string; invitationId?: string | undefined };
const statuses = (results: Result[]) => results.map((r) => r.status);
const count = (xs: string[], s: string) => xs.filter((x) => x === s).length;

async function pendingOf(admin: User, orgId: string) {
  return (await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.pendingInvitations as number;
}

/** Moves an invitation's deadline into the past, where the clock cannot reach: the invitation and its claim's index key. */
async function backdate(orgId: string, inv: { invitationId?: string | undefined; email: string }, at: string) {
  await db.set(`ORG#${orgId}`, `INV#${inv.invitationId}`, { expiresAt: at });
  await db.set(`ORG#${orgId}`, `CLAIM#${inv.email}`, { expiresAt: at, GSI1SK: at });
}

async function orgWithPending(n: number, plan: 'standard' | 'enterprise' = 'standard') {
  const admin = await api.user('Ada');
  const org = await api.createOrg(admin);
  if (plan !== 'standard') await api.setPlan(org.orgId, plan);
  let results: Result[] = [];
  if (n > 0) {
    const res = await api.invite(admin, org.orgId, { emails: emails(n), sendEmail: false });
    expect(res.status).toBe(201);
    results = res.body.results;
  }
  return { admin, org, results };
}

afterEach(async () => {
  await api.setClock(0);
});

describe('the pending invitation limit of the standard plan', { timeout: 120_000 }, () => {
  it('the limits are configuration with a default catalogue: standard 50 pending and 100 members, enterprise unlimited', () => {
    expect(api.stack.runtime.deps.plans).toBe(defaultPlans);
    expect(defaultPlans).toMatchObject({
      default: 'standard',
      plans: {
        standard: { pendingInvitations: 50, members: 100, directAdd: false },
        enterprise: { pendingInvitations: null, members: null, directAdd: true },
      },
    });
  });

  it('a batch larger than the room left invites up to the limit and reports the rest per recipient', async () => {
    const { admin, org } = await orgWithPending(45);

    const res = await api.invite(admin, org.orgId, { emails: emails(8), sendEmail: false });

    expect(res.status).toBe(207);
    expect(count(statuses(res.body.results), 'invited')).toBe(5);
    expect(res.body.results.filter((r) => r.status === 'pending_limit_reached').every((r) => r.code === 'pending_limit_reached')).toBe(true);
    expect(await pendingOf(admin, org.orgId)).toBe(50);
  });

  it('a burst of 15 concurrent single invites at 45 pending invites exactly 5', async () => {
    const { admin, org } = await orgWithPending(45);

    const burst = await Promise.all(emails(15).map((e) => api.invite(admin, org.orgId, { emails: e, sendEmail: false })));

    const outcomes = burst.map((r) => r.body.results?.[0]?.status ?? `${r.status} ${JSON.stringify(r.body)}`);
    expect(count(outcomes, 'invited')).toBe(5);
    expect(count(outcomes, 'pending_limit_reached')).toBe(10);
    expect(await pendingOf(admin, org.orgId)).toBe(50);
    const listed = await api.as(admin).get(`/orgs/${org.orgId}/invitations?status=pending&limit=200`);
    expect(listed.body.items).toHaveLength(50);
  });

  it('concurrent batch invites from an empty org never pass 50 pending', async () => {
    const { admin, org } = await orgWithPending(0);

    const batches = await Promise.all(Array.from({ length: 4 }, () => api.invite(admin, org.orgId, { emails: emails(20), sendEmail: false })));

    const outcomes = batches.flatMap((r) => statuses(r.body.results));
    expect(count(outcomes, 'invited')).toBe(50);
    expect(count(outcomes, 'pending_limit_reached')).toBe(30);
    expect(await pendingOf(admin, org.orgId)).toBe(50);
    const stored = await db.item(`ORG#${org.orgId}`, 'ORG');
    expect(stored?.pendingCount).toBe(50);
  });

  it('a revoked, a declined and an accepted invitation each free their place at once', async () => {
    // Prepare
    const { admin, org } = await orgWithPending(47);
    const bob = await api.user('Bob');
    const carol = await api.user('Carol');
    const dave = await api.user('Dave');
    const sent = await api.invite(admin, org.orgId, { emails: [bob.email, carol.email, dave.email], sendEmail: false });
    const [bobInv, carolInv, daveInv] = sent.body.results.map((r) => r.invitationId);
    const full = await api.invite(admin, org.orgId, { emails: 'first@example.com', sendEmail: false });

    // Act
    await api.as(admin).post(`/orgs/${org.orgId}/invitations/${bobInv}/revoke`);
    const afterRevoke = await api.invite(admin, org.orgId, { emails: 'second@example.com', sendEmail: false });
    await api.as(carol).post('/invitations/decline', { token: await db.linkToken(org.orgId, carolInv!) });
    const afterDecline = await api.invite(admin, org.orgId, { emails: 'third@example.com', sendEmail: false });
    const accepted = await api.as(dave).post('/invitations/accept', { token: await db.linkToken(org.orgId, daveInv!) });
    const afterAccept = await api.invite(admin, org.orgId, { emails: 'fourth@example.com', sendEmail: false });

    // Assess
    expect(full.body.results[0]!.status).toBe('pending_limit_reached');
    expect(afterRevoke.status).toBe(201);
    expect(afterDecline.status).toBe(201);
    expect(accepted.status).toBe(200);
    expect(afterAccept.status).toBe(201);
    expect(await pendingOf(admin, org.orgId)).toBe(50);
  });

  it('expired invitations stop counting at the moment they expire, whether or not anything closed them', async () => {
    // Prepare
    const { admin, org } = await orgWithPending(50);
    const ttlSeconds = 7 * 86_400;

    // Act: an hour before expiry the org is still full; at expiry all 50 places are free
    await api.setClock(ttlSeconds - 3600);
    const before = await api.invite(admin, org.orgId, { emails: 'early@example.com', sendEmail: false });
    const pendingBefore = await pendingOf(admin, org.orgId);
    await api.setClock(ttlSeconds + 1);
    const pendingAtExpiry = await pendingOf(admin, org.orgId);
    const after = await api.invite(admin, org.orgId, { emails: emails(50), sendEmail: false });

    // Assess
    expect(before.body.results?.[0]?.status, JSON.stringify(before.body)).toBe('pending_limit_reached');
    expect(pendingBefore).toBe(50);
    expect(pendingAtExpiry).toBe(0);
    expect(after.status).toBe(201);
    expect(await pendingOf(admin, org.orgId)).toBe(50);
  });

  it('a place freed by the expiry worker while an invite is in flight is used by that invite', async () => {
    // Prepare: a full org with one invitation that has just expired; the first write of the next invite
    // meets the stale counter, and the worker closes the expired invitations right after it
    const { admin, org, results } = await orgWithPending(50);
    const [first] = results as [Result];
    const past = new Date(Date.now() - 1000).toISOString();
    await backdate(org.orgId, first, past);
    const deps = api.stack.runtime.deps as Deps;
    const store = invitationStoreOfRoutes(); // the instance the invite route composes (functions/http/adapters.ts)
    const original = store.createMany;
    let calls = 0;
    store.createMany = async (...args) => {
      const outcome = await original.apply(store, args);
      if (calls++ === 0) await expireDueInOrg(deps, org.orgId);
      return outcome;
    };

    try {
      // Act
      const res = await api.invite(admin, org.orgId, { emails: 'late@example.com', sendEmail: false });

      // Assess
      expect(res.body.results[0]!.status).toBe('invited');
      expect(calls).toBe(2);
      expect(await pendingOf(admin, org.orgId)).toBe(50);
    } finally {
      store.createMany = original;
    }
  });

  it("an org's expired invitations close several per transaction, leaving out one closed meanwhile, and the counter drops by those closed", async () => {
    // Prepare: 40 expired invitations (two transactions' worth), one of them already closed by its schedule
    const { org, results } = await orgWithPending(40);
    const past = new Date(Date.now() - 1000).toISOString();
    for (const r of results) await backdate(org.orgId, r, past);
    const deps = api.stack.runtime.deps as Deps;
    const [first] = results as [Result];
    const firstRef = { orgId: org.orgId, invitationId: first.invitationId as string, email: first.email, expiresAt: past };

    // Act: the schedule closes one; then the org's sweep closes the rest
    const closedAlone = await expireInvitations(deps, [firstRef]);
    const refs = await deps.invitations.listExpiredPending(org.orgId, new Date().toISOString());
    const closedTogether = await expireInvitations(deps, [firstRef, ...refs]);

    // Assess
    expect([closedAlone, refs.length, closedTogether]).toEqual([1, 39, 39]);
    const items = (await db.partition(`ORG#${org.orgId}`)).filter((i) => i.entity === 'invitation');
    expect(items.filter((i) => i.status === 'expired')).toHaveLength(40);
    expect((await db.partition(`ORG#${org.orgId}`)).filter((i) => String(i.SK).startsWith('CLAIM#') && i.invitationId !== undefined)).toEqual([]);
    expect((await db.item(`ORG#${org.orgId}`, 'ORG'))?.pendingCount).toBe(0);
  });

  it('an enterprise org has no pending limit', async () => {
    const { admin, org } = await orgWithPending(60, 'enterprise');
    expect(await pendingOf(admin, org.orgId)).toBe(60);
  });
});

describe('the member limit of the standard plan', { timeout: 120_000 }, () => {
  /** An org with `n` members: its admin plus colleagues who auto-joined. */
  async function orgWithMembers(n: number) {
    const d = `corp-${unique()}.com`;
    const admin = await api.user('Ada', { email: `ada@${d}` });
    const org = await api.createOrg(admin, { allowedDomains: [d, 'example.com'] });
    await api.as(admin).patch(`/orgs/${org.orgId}`, { autoJoin: { enabled: true, role: 'member' } });
    for (let i = 1; i < n; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, n - i) }, (_, k) => api.user(`m${i + k}`, { email: `m${i + k}@${d}` })));
      const joined = await Promise.all(batch.map((u) => api.as(u).post(`/orgs/${org.orgId}/join`)));
      expect(joined.every((r) => r.status === 200)).toBe(true);
    }
    return { admin, org, d };
  }

  it('pending invitations do not count as members; an accept past 100 members is refused', async () => {
    // Prepare
    const { admin, org } = await orgWithMembers(99);
    const bob = await api.user('Bob');
    const carol = await api.user('Carol');
    const sent = await api.invite(admin, org.orgId, { emails: [bob.email, carol.email], sendEmail: false });
    const [bobInv, carolInv] = sent.body.results.map((r) => r.invitationId);

    // Act
    const first = await api.as(bob).post('/invitations/accept', { token: await db.linkToken(org.orgId, bobInv!) });
    const second = await api.as(carol).post('/invitations/accept', { token: await db.linkToken(org.orgId, carolInv!) });

    // Assess
    expect(sent.status).toBe(201);
    expect(first.status).toBe(200);
    expect([second.status, second.body.code]).toEqual([409, 'member_limit_reached']);
    const counts = (await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts;
    expect(counts.members).toBe(100);
    expect(counts.pendingInvitations).toBe(1);
  });

  it('concurrent accepts and auto-joins at 97 members admit exactly 3', async () => {
    // Prepare
    const { admin, org, d } = await orgWithMembers(97);
    const invitees = await Promise.all([1, 2, 3, 4].map((i) => api.user(`inv${i}`)));
    const sent = await api.invite(admin, org.orgId, { emails: invitees.map((u) => u.email), sendEmail: false });
    const tokens = await Promise.all(sent.body.results.map((r) => db.linkToken(org.orgId, r.invitationId as string)));
    const joiners = await Promise.all([1, 2, 3, 4].map((i) => api.user(`late${i}`, { email: `late${i}@${d}` })));

    // Act
    const results = await Promise.all([
      ...invitees.map((u, i) => api.as(u).post('/invitations/accept', { token: tokens[i] })),
      ...joiners.map((u) => api.as(u).post(`/orgs/${org.orgId}/join`)),
    ]);

    // Assess
    expect(
      count(
        results.map((r) => String(r.status)),
        '200',
      ),
    ).toBe(3);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.code === 'member_limit_reached')).toBe(true);
    expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts.members).toBe(100);
  });
});

describe('counter check and repair', { timeout: 120_000 }, () => {
  it('recounting finds drift in each counter and repairs it from the items', async () => {
    // Prepare
    const { admin, org } = await orgWithPending(3);
    const counters = new DynamoCounterStore(api.stack.runtime.table);
    const deps = { clock: api.stack.clock, counters };
    const clean = await recountOrg(deps, org.orgId, { repair: false });
    await db.set(`ORG#${org.orgId}`, 'ORG', { memberCount: 7, adminCount: 0, pendingCount: 49 });

    // Act
    const report = await recountOrg(deps, org.orgId, { repair: false });
    const repaired = await recountOrg(deps, org.orgId, { repair: true });
    const after = await recountOrg(deps, org.orgId, { repair: false });

    // Assess
    expect(clean.drift).toEqual([]);
    expect(report.drift).toEqual([
      { counter: 'memberCount', stored: 7, counted: 1 },
      { counter: 'adminCount', stored: 0, counted: 1 },
      { counter: 'pendingCount', stored: 49, counted: 3 },
    ]);
    expect(repaired.repaired).toBe(true);
    expect(after.drift).toEqual([]);
    expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts).toEqual({ members: 1, admins: 1, pendingInvitations: 3 });
  });

  it('reports expired invitations nothing has closed yet, which still hold their counted place', async () => {
    // Prepare: one invitation whose deadline passed and that no worker closed (its claim on the email is still there)
    const { org, results } = await orgWithPending(2);
    const [first] = results as [Result];
    const past = new Date(Date.now() - 60_000).toISOString();
    await backdate(org.orgId, first, past);
    const counters = new DynamoCounterStore(api.stack.runtime.table);

    // Act
    const report = await recountOrg({ clock: api.stack.clock, counters }, org.orgId, { repair: false });

    // Assess
    expect(report.expiredNotClosed).toBe(1);
    expect(report.drift).toEqual([]);
  });

  it('npm run recount reports drift as JSON, exits 2, and repairs it with --repair', async () => {
    const { org } = await orgWithPending(2);
    await db.set(`ORG#${org.orgId}`, 'ORG', { pendingCount: 5 });
    const env = { TABLE_NAME: api.stack.runtime.table.name, DYNAMODB_ENDPOINT: api.stack.runtime.config.DYNAMODB_ENDPOINT };
    const lines: string[] = [];
    const out = (l: string) => {
      lines.push(l);
    };

    const check = await recountCli([org.orgId], { env, out });
    const repair = await recountCli([org.orgId, '--repair'], { env, out });
    const again = await recountCli([org.orgId], { env, out });
    const usage = await recountCli([], { env, out });

    expect([check, repair, again, usage]).toEqual([2, 0, 0, 64]);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ orgId: org.orgId, drift: [{ counter: 'pendingCount', stored: 5, counted: 2 }] });
    expect(JSON.parse(lines[1] as string)).toMatchObject({ repaired: true });
    expect(JSON.parse(lines[2] as string)).toMatchObject({ drift: [] });
  });

  it('an unknown org is reported as not found', async () => {
    const counters = new DynamoCounterStore(api.stack.runtime.table);
    const report = await recountOrg({ clock: api.stack.clock, counters }, 'org_NOPE', { repair: true });
    expect(report).toMatchObject({ found: false, repaired: false });
  });
});
