import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as reminderWorker } from '../../functions/workers/reminder.ts';
import { atExpression } from '../../shared/adapters/scheduler/aws-scheduler.ts';
import { accessEndScheduleName, accessReminderScheduleName } from '../../shared/domain/members/access-schedules.ts';
import type { AccessJob } from '../../shared/ports.ts';
import { direct } from '../helpers/direct.ts';
import { FaultPlan, useFaults } from '../helpers/faults.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * The Scheduler refusing a member's end-of-access schedules (CreateSchedule throttled): the refusal is
 * recorded (AP23) instead of failing the stream record, the periodic retry job gets the schedules
 * created once the Scheduler answers again, and an end that passes while they are missing is enforced
 * by that job itself. docs/adr/members-with-an-end-date.md
 */
const api = useStack();
const faults = useFaults(api);
const db = direct(api);

const DAY = 86_400;
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/** Every CreateSchedule the dispatcher sends (one per call; the SDK's retries of it are not repeated here). */
const sent: { Name: string | undefined; GroupName: string | undefined; ScheduleExpression: string | undefined; Input: string | undefined }[] = [];
beforeAll(() => {
  api.stack.clients.scheduler.middlewareStack.add(
    ((next: (args: { input: Record<string, unknown> }) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        if (context.commandName === 'CreateScheduleCommand') {
          const i = args.input as { Name?: string; GroupName?: string; ScheduleExpression?: string; Target?: { Input?: string } };
          sent.push({ Name: i.Name, GroupName: i.GroupName, ScheduleExpression: i.ScheduleExpression, Input: i.Target?.Input });
        }
        return next(args);
      }) as never,
    { step: 'initialize', name: 'testRecordCreateSchedule' },
  );
});
afterEach(async () => {
  await api.setClock(0);
});

/** The CreateSchedule requests an end of access asks for (access-schedules.ts, aws-scheduler.ts). */
function expectedRequests(orgId: string, userId: string, accessUntil: string) {
  const end = Date.parse(accessUntil);
  const job = (kind: AccessJob['kind']) => JSON.stringify({ kind, orgId, userId, accessUntil });
  return {
    end: {
      Name: accessEndScheduleName({ orgId, userId }, accessUntil),
      GroupName: 'local',
      ScheduleExpression: atExpression(new Date(Math.ceil(end / 1000) * 1000)),
      Input: job('access_end'),
    },
    reminder: {
      Name: accessReminderScheduleName({ orgId, userId }, accessUntil),
      GroupName: 'local',
      ScheduleExpression: atExpression(new Date(Math.floor((end - 72 * 3_600_000) / 1000) * 1000)),
      Input: job('access_reminder'),
    },
  };
}

async function accessSchedulesOf(userId: string) {
  return (await api.stack.scheduler.pending())
    .filter((s) => s.job.kind.startsWith('access_') && (s.job as AccessJob).userId === userId)
    .map((s) => s.name)
    .sort();
}

/** Ada's org with Bob, whose end of access Ada sets while every CreateSchedule is throttled. */
async function endSetWhileSchedulerFails(endInSeconds: number) {
  await api.setClock(0);
  const ada = await api.user('Ada');
  const org = await api.createOrg(ada);
  const orgId = org.orgId as string;
  const bob: User = await api.user('Bob');
  await db.join(ada, orgId, bob, 'member');
  await api.stack.settle();
  const until = inSeconds(endInSeconds);
  const plan = new FaultPlan({ rules: [{ fault: 'SchedulerThrottled', rate: 1, commands: ['CreateSchedule'] }] });
  faults.background(plan);
  sent.length = 0;
  const set = await api.as(ada).patch(`/orgs/${orgId}/members/${bob.userId}`, { accessUntil: until });
  expect(set.status).toBe(200);
  await api.stack.settle();
  return { ada, bob, orgId, until, plan };
}

describe("a member's end-of-access schedules the Scheduler refused", () => {
  it('are recorded, not lost, and the retry job gets them created once the Scheduler answers', async () => {
    const { bob, orgId, until, plan } = await endSetWhileSchedulerFails(5 * DAY);
    const want = expectedRequests(orgId, bob.userId, until);

    // during: the end's removal was asked for (first) and refused; nothing exists; the refusal is recorded
    expect(plan.injected('SchedulerThrottled')).toBeGreaterThan(0);
    expect(sent).toEqual([want.end]);
    expect(await accessSchedulesOf(bob.userId)).toEqual([]);
    const markers = await db.partition('ACCESSRETRY');
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({ orgId, userId: bob.userId, accessUntil: until, attempts: 1 });
    expect(String(markers[0]?.detail)).toMatch(/Throttling/);

    // the Scheduler answers again; the periodic job runs (the EventBridge rule's call)
    faults.background(undefined);
    sent.length = 0;
    const outcome = await reminderWorker({ kind: 'retry-schedules' });
    await api.stack.settle();

    expect(outcome.outcome).toContain('"retried":1');
    expect(sent).toEqual([want.end, want.reminder]);
    expect(await accessSchedulesOf(bob.userId)).toEqual([want.end.Name, want.reminder.Name].sort());
    expect(await db.partition('ACCESSRETRY')).toEqual([]);
    // a second run finds nothing to do and asks for nothing
    sent.length = 0;
    expect((await reminderWorker({ kind: 'retry-schedules' })).outcome).toBe('retried 0, dropped 0');
    await api.stack.settle();
    expect(sent).toEqual([]);
  }, 120_000);

  it('still refused on the retry: the marker stays (two attempts counted) and the job asks again later', async () => {
    const { bob, orgId, until } = await endSetWhileSchedulerFails(5 * DAY);
    const want = expectedRequests(orgId, bob.userId, until);
    sent.length = 0;

    await reminderWorker({ kind: 'retry-schedules' });
    await api.stack.settle();

    expect(sent).toEqual([want.end]);
    expect(await accessSchedulesOf(bob.userId)).toEqual([]);
    expect(await db.partition('ACCESSRETRY')).toEqual([expect.objectContaining({ userId: bob.userId, accessUntil: until, attempts: 2 })]);

    // and once it answers, the next run gets them created
    faults.background(undefined);
    sent.length = 0;
    await reminderWorker({ kind: 'retry-schedules' });
    await api.stack.settle();
    expect(sent).toEqual([want.end, want.reminder]);
    expect(await db.partition('ACCESSRETRY')).toEqual([]);
  }, 120_000);

  it('an end that passes while its removal was never scheduled is enforced by the retry job (member.access_ended)', async () => {
    const { bob, orgId, until } = await endSetWhileSchedulerFails(2 * DAY);
    expect(await accessSchedulesOf(bob.userId)).toEqual([]);

    // the Scheduler stays down past the end: no schedule could ever remove Bob
    await api.setClock(2 * DAY + 60);
    sent.length = 0;
    const outcome = await reminderWorker({ kind: 'retry-schedules' });
    await api.stack.settle();

    expect(outcome.outcome).toContain('"ended":1');
    expect(sent).toEqual([]);
    expect(await db.item(`ORG#${orgId}`, `MEMBER#${bob.userId}`)).toBeUndefined();
    const ended = await api.stack.runtime.deps.audit.list(orgId, { types: ['member.access_ended'] }, { limit: 10 });
    expect(ended.items.map((e) => [e.target.userId, e.details.accessUntil, e.actor])).toEqual([[bob.userId, until, { system: true }]]);
    expect(await db.partition('ACCESSRETRY')).toEqual([]);
  }, 120_000);

  it('an end cleared (or moved) meanwhile needs no retry: the job drops the marker and schedules nothing', async () => {
    const { ada, bob, orgId } = await endSetWhileSchedulerFails(5 * DAY);
    faults.background(undefined);
    expect((await api.as(ada).patch(`/orgs/${orgId}/members/${bob.userId}`, { accessUntil: null })).status).toBe(200);
    await api.stack.settle();
    sent.length = 0;

    const outcome = await reminderWorker({ kind: 'retry-schedules' });
    await api.stack.settle();

    expect(outcome.outcome).toContain('"dropped":1');
    expect(sent).toEqual([]);
    expect(await accessSchedulesOf(bob.userId)).toEqual([]);
    expect(await db.partition('ACCESSRETRY')).toEqual([]);
  }, 120_000);
});
