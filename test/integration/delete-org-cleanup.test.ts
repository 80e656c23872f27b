import { beforeAll, describe, expect, it } from 'vitest';
import { handler as dispatcher } from '../../functions/workers/dispatcher.ts';
import { handler as reminderWorker } from '../../functions/workers/reminder.ts';
import { seedMembers } from '../../measure/seed.ts';
import { direct } from '../helpers/direct.ts';
import { attachFaults, FaultPlan, runWithFaults } from '../helpers/faults.ts';
import { deletionWorld, dispatchAsTheStream, type Item, insertRecord, modifyRecord } from '../helpers/org-deletion.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * The cleanup a deletion starts (the stream dispatcher, on the tombstone's record): what it removes,
 * what it keeps, crashes and time limits, and the sweep that resumes a stalled one. The stack's stream
 * poller is stopped: each test hands the dispatcher the records it means to.
 */
const api = useStack();
const db = direct(api);
const { world, del } = deletionWorld(api, db);

beforeAll(async () => {
  await api.stack.poller.stop();
});

/**
 * An org with something of every kind: 150 members seeded straight into the table (with their email
 * claims), a team with a member, pending invitations whose email and schedules went out (the dispatcher
 * ran on their records), auto-join on for a domain, and the org's daily quota counters.
 */
async function fullOrg() {
  const w = await world();
  const teamId = (await api.as(w.ada).post(`/orgs/${w.orgId}/teams`, { name: 'Ops' })).body.team.teamId as string;
  expect((await api.as(w.ada).put(`/orgs/${w.orgId}/teams/${teamId}/members/${w.mo.userId}`)).status).toBe(204);
  await seedMembers(api.stack, w.orgId, 150, { userId: w.ada.userId, name: w.ada.name });
  const more = await api.invite(w.ada, w.orgId, { emails: [1, 2, 3].map((i) => `p${i}.${Math.random().toString(36).slice(2, 8)}@example.com`) });
  expect(more.status, JSON.stringify(more.body)).toBe(201);
  // invites first: allowed domains restrict them too
  const domain = `d${Math.random().toString(36).slice(2, 8)}.example.org`;
  expect((await api.as(w.ada).patch(`/orgs/${w.orgId}`, { allowedDomains: [domain], autoJoin: { enabled: true, role: 'member' } })).status).toBe(200);
  const invitationIds = [w.invitationId, ...more.body.results.map((r) => r.invitationId)] as string[];
  for (const id of invitationIds) {
    await dispatchAsTheStream(dispatcher, insertRecord((await db.item(`ORG#${w.orgId}`, `INV#${id}`)) as Item));
  }
  return { ...w, domain, teamId, invitationIds };
}

/** What is left of the org, everywhere the table keeps it. */
async function remains(w: Awaited<ReturnType<typeof fullOrg>>) {
  const partition = await db.partition(`ORG#${w.orgId}`);
  const schedules = (await api.stack.scheduler.pending()).filter((s) => w.invitationIds.some((id) => s.name.endsWith(id)));
  return {
    partition,
    kinds: [...new Set(partition.map((i) => String(i.entity)))].sort(),
    autoJoin: (await db.partition(`AUTOJOIN#${w.domain}`)).filter((i) => i.orgId === w.orgId).length,
    quota: (await db.partition(`QUOTA#${w.orgId}`)).length,
    audit: (await db.partition(`AUDIT#${w.orgId}`)).length,
    schedules: schedules.length,
  };
}

async function deleteAndRecord(w: { ada: User; orgId: string; name: string }) {
  const before = (await db.item(`ORG#${w.orgId}`, 'ORG')) as Item;
  expect((await del(w.ada, w.orgId, { confirm: w.name })).status).toBe(204);
  return modifyRecord(before, (await db.item(`ORG#${w.orgId}`, 'ORG')) as Item);
}

function expectCleanedUp(left: Awaited<ReturnType<typeof remains>>, auditBefore: number) {
  // the tombstone alone, without counters, settings or its place among unfinished deletions, expiring with the audit trail
  expect(left.kinds).toEqual(['deleted_org']);
  expect(left.partition).toHaveLength(1);
  const [tombstone] = left.partition as Item[];
  expect(tombstone).not.toHaveProperty('memberCount');
  expect(tombstone).not.toHaveProperty('pendingCount');
  expect(tombstone).not.toHaveProperty('settings');
  expect(tombstone).not.toHaveProperty('GSI1PK');
  expect(Number(tombstone?.ttl)).toBeGreaterThan(Date.now() / 1000);
  expect([left.autoJoin, left.quota, left.schedules]).toEqual([0, 0, 0]);
  // the audit trail is kept whole, with org.deleted in it
  expect(left.audit).toBe(auditBefore + 1);
}

describe("the cleanup job (the stream dispatcher, on the tombstone's record)", () => {
  it('removes members, team memberships, teams, invitations, claims, schedules and counters; keeps the audit trail', async () => {
    const w = await fullOrg();
    const before = await remains(w);
    // what there is to remove, so the assertions below cannot pass on an empty org
    expect(before.kinds).toEqual(expect.arrayContaining(['email_claim', 'invitation', 'member', 'org', 'team', 'team_member']));
    expect(before.partition.length).toBeGreaterThan(300);
    expect([before.autoJoin, before.schedules]).toEqual([1, 8]);
    expect(before.quota).toBeGreaterThan(0);

    const record = await deleteAndRecord(w);
    expect((await dispatcher({ Records: [record] })).batchItemFailures).toEqual([]);
    expectCleanedUp(await remains(w), before.audit);
    // the members' lists no longer know the org, and its link no longer names an invitation
    expect((await api.as(w.mo).get('/me/organizations')).body.items).toEqual([]);
    expect((await api.request('GET', `/invitations/preview?token=${encodeURIComponent(w.token)}`)).status).toBe(404);
    // a repeat of the record (the stream delivers at least once) finds nothing to do
    expect((await dispatcher({ Records: [record] })).batchItemFailures).toEqual([]);
    expectCleanedUp(await remains(w), before.audit);
  });

  it('a crash at any point of the cleanup is finished by the retry of the same record', async () => {
    attachFaults(api.stack.clients.dynamodb);
    // how many DynamoDB calls a whole cleanup makes, on an org of the same shape
    const measured = await fullOrg();
    const record = await deleteAndRecord(measured);
    const whole = new FaultPlan({});
    expect((await runWithFaults(whole, () => dispatcher({ Records: [record] }))).batchItemFailures).toEqual([]);
    const total = whole.calls();
    expect(total).toBeGreaterThan(5);

    for (const [atCall, afterSend] of [
      [2, false],
      [Math.floor(total / 2), true],
      [total - 1, false],
      [total, true],
    ] as const) {
      const w = await fullOrg();
      const auditBefore = (await remains(w)).audit;
      const rec = await deleteAndRecord(w);
      const crashed = await runWithFaults(new FaultPlan({ crash: { atCall, afterSend } }), () => dispatcher({ Records: [rec] }));
      // the record failed, so the stream hands it over again
      expect(crashed.batchItemFailures, `crash at call ${atCall}`).toHaveLength(1);
      expect((await dispatcher({ Records: [rec] })).batchItemFailures).toEqual([]);
      expectCleanedUp(await remains(w), auditBefore);
    }
    // a hang guard, not a speed limit: five orgs of 150 members built and cleaned up took over the
    // suite's 120 s on CI with another test file beside it (about 20 s alone)
  }, 600_000);

  it('out of time, a round hands the rest to the next through the tombstone, which lists it as unfinished until then', async () => {
    const w = await fullOrg();
    await deleteAndRecord(w);
    const { cleanupDeletedOrg } = await import('../../shared/domain/orgs/cleanup-deleted-org.ts');
    const { cleanupDeps } = await import('../../functions/workers/worker-runtime.ts');
    const { deletionSweepDeps } = await import('../../functions/workers/job-deps.ts');
    const deps = cleanupDeps();
    const { deletions } = deletionSweepDeps();
    expect((await deletions.unfinished(100)).map((d) => d.orgId)).toContain(w.orgId);
    // a deadline already passed: nothing is removed, another round is asked for
    expect(await cleanupDeletedOrg(deps, w.orgId, 0)).toEqual({ outcome: 'continued', removed: 0 });
    const touched = (await db.item(`ORG#${w.orgId}`, 'ORG')) as Item;
    expect(touched.cleanupRounds).toBe(1);
    // that write's stream record is the next round
    const next = modifyRecord(touched, touched);
    expect((await dispatcher({ Records: [next] })).batchItemFailures).toEqual([]);
    expect((await remains(w)).kinds).toEqual(['deleted_org']);
    expect((await deletions.unfinished(100)).map((d) => d.orgId)).not.toContain(w.orgId);
  });

  it('a cleanup whose stream record was given up is resumed by the sweep once it is stalled; one in progress, or resumed by another sweep, is left alone', async () => {
    const { cleanupDeletedOrg } = await import('../../shared/domain/orgs/cleanup-deleted-org.ts');
    const { cleanupDeps } = await import('../../functions/workers/worker-runtime.ts');
    const { STALLED_AFTER_MS } = await import('../../shared/domain/orgs/resume-stalled-deletions.ts');
    const deps = cleanupDeps();
    const stalled = await fullOrg();
    const running = await fullOrg();
    const auditBefore = (await remains(stalled)).audit;
    // the stalled org's tombstone record never reaches the dispatcher (the stream gave it up); the other's cleanup is under way
    await deleteAndRecord(stalled);
    await deleteAndRecord(running);
    const { deletionSweepDeps } = await import('../../functions/workers/job-deps.ts');
    const { resumeStalledDeletions } = await import('../../shared/domain/orgs/resume-stalled-deletions.ts');
    const sweep = async () => (await resumeStalledDeletions(deletionSweepDeps())).resumed;
    try {
      // fresh deletions are nobody's to resume: their records may still be retried by the stream
      const early = await sweep();
      expect(early).not.toContain(stalled.orgId);
      expect(early).not.toContain(running.orgId);

      await api.setClock(STALLED_AFTER_MS / 1000 + 60);
      // a round of the running cleanup runs out of time now: it asked for the next round a moment ago
      expect(await cleanupDeletedOrg(deps, running.orgId, 0)).toMatchObject({ outcome: 'continued' });
      const before = (await db.item(`ORG#${stalled.orgId}`, 'ORG')) as Item;
      // two sweeps at once (the deployed rule's invocation of the reminder function, and another) resume it once
      const [byRule, other] = await Promise.all([reminderWorker({ kind: 'resume-org-deletions' }), sweep()]);
      expect(byRule.outcome).toMatch(/^resumed \d+, in progress \d+$/);
      expect(other).not.toContain(running.orgId);
      const touched = (await db.item(`ORG#${stalled.orgId}`, 'ORG')) as Item;
      expect(touched.cleanupRounds).toBe(1);
      expect(Date.parse(String(touched.cleanupRequestedAt))).toBeGreaterThan(Date.parse(String(before.deletedAt)) + STALLED_AFTER_MS);
      expect(((await db.item(`ORG#${running.orgId}`, 'ORG')) as Item).cleanupRounds).toBe(1);

      // the touch's stream record is the dispatcher's next round: the org is cleaned up from what was left
      expect((await dispatcher({ Records: [modifyRecord(before, touched)] })).batchItemFailures).toEqual([]);
      expectCleanedUp(await remains(stalled), auditBefore);
      const unfinished = (await deletionSweepDeps().deletions.unfinished(100)).map((d) => d.orgId);
      expect(unfinished).not.toContain(stalled.orgId);
      expect(unfinished).toContain(running.orgId);
      // finished: a later sweep, even much later, has nothing of it to resume
      await api.setClock((3 * STALLED_AFTER_MS) / 1000);
      expect(await sweep()).not.toContain(stalled.orgId);
    } finally {
      await api.setClock(0);
    }
  });
});
