import { describe, expect, it } from 'vitest';
import { handler as reminderWorker } from '../../functions/workers/reminder.ts';
import { direct } from '../helpers/direct.ts';
import { FaultPlan, useFaults } from '../helpers/faults.ts';
import { inviteMany, oneInvitedUnder } from '../helpers/invite-under-faults.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * EventBridge Scheduler failing (CreateSchedule throttled, or the account's schedule quota reached)
 * while invitations go out: the email never waits for a schedule, the missing schedules are visible
 * on the invitation, and the periodic retry job gets them created once the Scheduler answers again.
 */
const api = useStack();
const faults = useFaults(api);
const db = direct(api);

const invitePeople = (admin: User, orgId: string, n: number) => inviteMany(api, admin, orgId, n, 'sched');

async function schedulesOf(invitationId: string) {
  return (await api.stack.scheduler.pending())
    .filter((s) => s.name.endsWith(invitationId))
    .map((s) => s.name.split('-')[0])
    .sort();
}

async function invitationsOf(admin: User, orgId: string) {
  const res = await api.as(admin).get(`/orgs/${orgId}/invitations?limit=100`);
  return new Map((res.body.items as { invitationId: string; schedules?: { status: string; detail?: string } }[]).map((i) => [i.invitationId, i]));
}

/** The invitation's reminder and expiry exist, it says so, and no retry marker is left. */
async function expectAllScheduled(admin: User, orgId: string, invitationId: string) {
  expect(await schedulesOf(invitationId)).toEqual(['expiry', 'reminder']);
  expect((await invitationsOf(admin, orgId)).get(invitationId)?.schedules?.status).toBe('scheduled');
  expect(await db.partition('SCHEDULERETRY')).toEqual([]);
}

describe('the Scheduler never holds back an invitation email', () => {
  for (const [fault, rate] of [
    ['SchedulerThrottled', 1],
    ['ServiceQuotaExceeded', 1],
    ['SchedulerThrottled', 0.9],
  ] as const) {
    it(`CreateSchedule failing (${fault}, ${rate * 100}%): every invitation is emailed once, missing schedules are shown and created after recovery`, async () => {
      // Prepare
      const admin = await api.user('Ada');
      const org = await api.createOrg(admin);
      const plan = new FaultPlan({ seed: 16, rules: [{ fault, rate, commands: ['CreateSchedule'] }] });
      faults.background(plan);

      // Act: invite while the Scheduler fails
      const invited = await invitePeople(admin, org.orgId, 12);
      await api.stack.settle();
      const during = await invitationsOf(admin, org.orgId);
      const failedIds = invited.filter((i) => during.get(i.invitationId)?.schedules?.status === 'failed').map((i) => i.invitationId);
      const missingDuring = await Promise.all(failedIds.map(schedulesOf));

      // ... then the Scheduler recovers and the periodic job runs (the EventBridge rule's call)
      faults.background(undefined);
      await reminderWorker({ kind: 'retry-schedules' });
      await api.stack.settle();
      const after = await invitationsOf(admin, org.orgId);

      // Assess: the emails did not wait
      for (const i of invited) expect(await api.emailsTo(i.email), i.email).toHaveLength(1);
      expect(plan.injected(fault)).toBeGreaterThan(0);
      // the failures were visible, with the Scheduler's error, and no schedule existed for them
      expect(failedIds.length).toBeGreaterThan(rate === 1 ? 11 : 0);
      for (const id of failedIds)
        expect(during.get(id)?.schedules?.detail).toMatch(rate === 1 ? fault.replace('Scheduler', '').replace('Throttled', 'Throttling') : /.+/);
      expect(missingDuring.filter((names) => names.length === 2)).toHaveLength(0);
      // after recovery every invitation has its reminder and expiry, the failed ones say so, and no marker is left
      for (const i of invited) expect(await schedulesOf(i.invitationId), i.invitationId).toEqual(['expiry', 'reminder']);
      for (const id of failedIds) expect(after.get(id)?.schedules?.status).toBe('scheduled');
      expect(await db.partition('SCHEDULERETRY')).toEqual([]);
      for (const i of invited) expect(await api.emailsTo(i.email), `${i.email} after recovery`).toHaveLength(1);
    }, 120_000);
  }

  // On the first try the email fails (the SDK's three attempts), which makes the stream hand the record
  // over again, with the image from before the first try.
  for (const { outcome, scheduler, throttled } of [
    // the schedules fail on the first try too (the SDK's three attempts), and succeed on the second
    { outcome: 'clears the schedule failure its first try recorded', scheduler: { limit: 3 }, throttled: 3 },
    // the first try creates both schedules; from then on the Scheduler throttles every call, so a second
    // try that asked again would fail
    { outcome: 'does not report as missing the schedules its first try created', scheduler: { after: 2 }, throttled: 0 },
  ]) {
    it(`a record handled again (its email failed) ${outcome}`, async () => {
      // Prepare
      const plan = new FaultPlan({
        rules: [
          { fault: 'SesThrottled', rate: 1, commands: ['SendEmail'], limit: 3 },
          { fault: 'SchedulerThrottled', rate: 1, commands: ['CreateSchedule'], ...scheduler },
        ],
      });

      // Act
      const { admin, org, inv } = await oneInvitedUnder(api, plan, 'sched');

      // Assess: the second try sent the email, both schedules exist, and the invitation says so
      expect(plan.injected('SesThrottled')).toBe(3);
      expect(plan.injected('SchedulerThrottled')).toBe(throttled);
      expect(await api.emailsTo(inv.email)).toHaveLength(1);
      await expectAllScheduled(admin, org.orgId, inv.invitationId);
    }, 60_000);
  }

  it('a resend while the schedules are failing creates the missing expiry as well as the new reminder', async () => {
    // Prepare: neither schedule of the invitation could be created
    const throttling = new FaultPlan({ rules: [{ fault: 'SchedulerThrottled', rate: 1, commands: ['CreateSchedule'] }] });
    const { admin, org, inv } = await oneInvitedUnder(api, throttling, 'sched');
    expect(await schedulesOf(inv.invitationId)).toEqual([]);

    // Act: the Scheduler answers again, and an admin resends (after the resend cooldown)
    await api.setClock(61);
    try {
      expect((await api.as(admin).post(`/orgs/${org.orgId}/invitations/${inv.invitationId}/resend`)).status).toBe(200);
      await api.stack.settle();
    } finally {
      await api.setClock(0);
    }

    // Assess
    await expectAllScheduled(admin, org.orgId, inv.invitationId);
  }, 60_000);

  it('an invitation closed while its schedules were failing needs none: the retry job drops it', async () => {
    // Prepare: the schedules of one invitation fail, then it is revoked
    const throttling = new FaultPlan({ rules: [{ fault: 'SchedulerThrottled', rate: 1, commands: ['CreateSchedule'] }] });
    const { admin, org, inv } = await oneInvitedUnder(api, throttling, 'sched');
    expect(await db.partition('SCHEDULERETRY')).toHaveLength(1);
    expect((await api.as(admin).post(`/orgs/${org.orgId}/invitations/${inv.invitationId}/revoke`)).status).toBe(200);
    await api.stack.settle();

    // Act
    const outcome = await reminderWorker({ kind: 'retry-schedules' });
    await api.stack.settle();

    // Assess
    expect(outcome.outcome).toBe('retried 0, dropped 1');
    expect(await db.partition('SCHEDULERETRY')).toEqual([]);
    expect(await schedulesOf(inv.invitationId)).toEqual([]);
  }, 60_000);
});
