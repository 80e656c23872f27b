import { describe, expect, it } from 'vitest';
import { periodicJobs } from '../../functions/workers/periodic-jobs.ts';
import { STALLED_AFTER_MS } from '../../shared/domain/orgs/resume-stalled-deletions.ts';
import type { AccessJob } from '../../shared/ports.ts';
import { direct } from '../helpers/direct.ts';
import { FaultPlan, useFaults } from '../helpers/faults.ts';
import { useStack } from '../helpers/stack.ts';

/**
 * The local stack runs the deployed stack's periodic jobs (EventBridge rules in AWS) on timers, so
 * `npm start` retries refused schedules and resumes stalled deletions as AWS does. Here at a quarter
 * second instead of 5 and 15 minutes; nothing in this file calls a job itself.
 */
const lines: string[] = [];
const api = useStack({
  periodicJobs: { everyMs: { 'retry-schedules': 250, 'resume-org-deletions': 250 } },
  logSink: (line) => lines.push(line),
});
const faults = useFaults(api);
const db = direct(api);

async function until(what: string, check: () => Promise<boolean> | boolean, limitMs = 90_000) {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the local stack runs the periodic jobs on timers', () => {
  it('runs every job the deployed rules run, at their rates by default', () => {
    expect(periodicJobs.map((j) => [j.event.kind, j.everyMinutes])).toEqual([
      ['retry-schedules', 5],
      ['resume-org-deletions', 15],
    ]);
  });

  it('the deletion sweep runs on its own (the reminder function with resume-org-deletions)', async () => {
    const before = api.stack.periodicJobs?.runs.get('resume-org-deletions') ?? 0;
    await until('two sweeps ran', () => (api.stack.periodicJobs?.runs.get('resume-org-deletions') ?? 0) >= before + 2);
    // the real handler answered: its outcome is the sweep's
    const swept = lines.filter((l) => l.includes('"periodic job"') && l.includes('resume-org-deletions'));
    expect(swept.some((l) => /resumed \d+, in progress \d+/.test(l))).toBe(true);
  });

  it("a member's end-of-access schedules the Scheduler refused are created by the timer's retry once it answers", async () => {
    await api.setClock(0);
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    const bob = await api.user('Bob');
    await db.join(ada, org.orgId, bob, 'member');
    await api.stack.settle();
    const mine = async () =>
      (await api.stack.scheduler.pending())
        .filter((s) => s.job.kind.startsWith('access_') && (s.job as AccessJob).userId === bob.userId)
        .map((s) => s.job.kind);

    faults.background(new FaultPlan({ rules: [{ fault: 'SchedulerThrottled', rate: 1, commands: ['CreateSchedule'] }] }));
    const set = await api.as(ada).patch(`/orgs/${org.orgId}/members/${bob.userId}`, { accessUntil: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    expect(set.status).toBe(200);
    await until('the refusal is recorded', async () => (await db.partition('ACCESSRETRY')).some((m) => m.userId === bob.userId));
    expect(await mine()).toEqual([]);

    faults.background(undefined);
    await until('the schedules exist and the marker is gone', async () => {
      const markers = (await db.partition('ACCESSRETRY')).filter((m) => m.userId === bob.userId);
      return markers.length === 0 && (await mine()).length === 2;
    });
    expect((await mine()).sort()).toEqual(['access_end', 'access_reminder']);
  }, 180_000);

  it("a deletion whose cleanup record the stream gave up is finished by the timer's sweep once it is stalled", async () => {
    await api.setClock(0);
    const ada = await api.user('Ada');
    const name = `Gone ${Math.random().toString(36).slice(2, 8)}`;
    const org = await api.createOrg(ada, { name });
    await db.join(ada, org.orgId, await api.user('Bob'), 'member');
    await api.stack.settle();
    const kinds = async () => [...new Set((await db.partition(`ORG#${org.orgId}`)).map((i) => String(i.entity)))].sort();
    const givenUp = () => lines.filter((l) => l.includes('stream record sent to the failure destination')).length;
    const before = givenUp();
    try {
      // the function's role may not BatchWriteItem (the cleanup's deletes; the deletion request itself
      // writes none): each of the poller's tries fails, and the poller gives the record up
      faults.background(new FaultPlan({ rules: [{ fault: 'AccessDenied', rate: 1, commands: ['BatchWriteItem'] }] }));
      expect((await api.as(ada).delete(`/orgs/${org.orgId}`, { confirm: name })).status).toBe(204);
      await until('the stream gave the cleanup record up', () => givenUp() > before);
      faults.background(undefined);
      // nothing of the org was removed, and nothing will be until a sweep finds the deletion stalled
      expect(await kinds()).toEqual(expect.arrayContaining(['deleted_org', 'member']));

      await api.setClock(STALLED_AFTER_MS / 1000 + 60);
      await until('the sweep resumed the cleanup and the stream finished it', async () => (await kinds()).join() === 'deleted_org');
      expect(lines.some((l) => l.includes('"periodic job"') && /resumed [1-9]\d*, in progress/.test(l))).toBe(true);
    } finally {
      faults.background(undefined);
      await api.setClock(0);
    }
  }, 180_000);
});
