import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as dispatcher } from '../../functions/workers/dispatcher.ts';
import { invitationSendId } from '../../shared/domain/invitations/deliver-invitation.ts';
import { direct } from '../helpers/direct.ts';
import { FaultPlan, runWithFaults, useFaults } from '../helpers/faults.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * The stream dispatcher dies at a random point of a batch (the way a Lambda times out or runs out
 * of memory: at some SDK call every call fails from then on, and a call in flight may have been
 * performed), then the batch is retried as the event source mapping retries it. The handler is
 * invoked directly with the batch's stream records (INSERTs of invitations written by the real
 * invite route), which is what makes 200 runs fit in the suite; the stack's own stream poller is
 * stopped so that nothing else sends them.
 *
 * The lease of a send claim is shortened to 300 ms (20 s deployed): a claim left by the crash is
 * waited on for that long before it is taken again, as it would be for 20 s in AWS.
 */
const LEASE_MS = 300;
const api = useStack({ sendLeaseMs: LEASE_MS });
useFaults(api);
const db = direct(api);
const PER_BATCH = 5;
const CONCURRENT_RUNS = 4;
let admin: User;
let orgId: string;
/** SDK calls a whole batch makes without a crash: the crash points are drawn over this range. */
let callsPerBatch = 0;

/** Invitations written by the real invite route, not yet dispatched: each run takes a batch of them. */
let pool: { email: string; invitationId: string; item: Record<string, unknown> }[] = [];

beforeAll(async () => {
  await api.stack.poller.stop();
  admin = await api.user('Ada');
  orgId = (await api.createOrg(admin)).orgId;
  await api.setPlan(orgId, 'enterprise');
  const runs = Number(process.env.CRASH_RUNS ?? 200) + Number(process.env.CRASH_RUNS_NO_EVENTS ?? 50) + 1;
  // 45 at a time: one transaction each, quick even on a busy machine
  for (let left = runs * PER_BATCH; left > 0; left -= 45) {
    const emails = Array.from({ length: Math.min(45, left) }, (_, i) => `crash.${i}.${Math.random().toString(36).slice(2, 10)}@example.com`);
    const res = await api.invite(admin, orgId, { emails: emails.join(', ') });
    if (res.status !== 201) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  pool = (await db.partition(`ORG#${orgId}`))
    .filter((i) => i.entity === 'invitation')
    .map((item) => ({ email: String(item.email), invitationId: String(item.invitationId), item }));
  const clean = new FaultPlan();
  await runWithFaults(clean, () => dispatcher(nextBatch().event));
  callsPerBatch = clean.calls();
}, 300_000);

/** The stream batch that PER_BATCH invitations' INSERTs make, as Lambda's event source mapping delivers it. */
function nextBatch(): { event: DynamoDBStreamEvent; invited: { email: string; invitationId: string }[] } {
  const taken = pool.splice(0, PER_BATCH);
  if (taken.length < PER_BATCH) throw new Error('the pool of invitations ran out');
  const records = taken.map(({ item, invitationId }, i) => ({
    eventID: `${invitationId}-insert`,
    eventName: 'INSERT' as const,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: marshall({ PK: item.PK, SK: item.SK }) as Record<string, AttributeValue>,
      NewImage: marshall(item, { removeUndefinedValues: true }) as Record<string, AttributeValue>,
      SequenceNumber: `${Date.now()}${i}`,
      StreamViewType: 'NEW_AND_OLD_IMAGES' as const,
    },
  }));
  return { event: { Records: records } as unknown as DynamoDBStreamEvent, invited: taken.map(({ email, invitationId }) => ({ email, invitationId })) };
}

interface RunResult {
  exact: boolean;
  duplicated: number;
  lost: number;
  wrongStatus: number;
  closedBySendEvent: number;
}

/** One run: the batch dies at a drawn call, then is retried until it reports no failure. */
async function crashAndRetry(draw: () => number): Promise<RunResult> {
  const { event, invited } = nextBatch();
  const crash = { atCall: 1 + Math.floor(draw() * callsPerBatch), afterSend: draw() < 0.5 };
  // the invocation died: whatever it returned, Lambda retries the whole batch
  await runWithFaults(new FaultPlan({ crash }), () => dispatcher(event)).catch(() => undefined);
  await api.stack.settle();
  const closedBySendEvent = (
    await Promise.all(
      invited.map(async (i) => {
        const inv = await db.item(`ORG#${orgId}`, `INV#${i.invitationId}`);
        const claim = await db.item(`SEND#${invitationSendId({ orgId, invitationId: i.invitationId, sendCount: 1 })}`, 'SEND');
        return claim?.status === 'sent' && (inv?.delivery as { status?: string } | undefined)?.status !== 'sent';
      }),
    )
  ).filter(Boolean).length;
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await dispatcher(event);
    await api.stack.settle();
    if (res.batchItemFailures.length === 0) break;
  }
  const inbox = await api.stack.ses.emails();
  const counts = invited.map((i) => inbox.filter((m) => m.to === i.email).length);
  const statuses = await Promise.all(
    invited.map(async (i) => ((await db.item(`ORG#${orgId}`, `INV#${i.invitationId}`))?.delivery as { status?: string } | undefined)?.status),
  );
  return {
    exact: counts.every((n) => n === 1),
    duplicated: counts.filter((n) => n > 1).length,
    lost: counts.filter((n) => n === 0).length,
    wrongStatus: statuses.filter((s) => s !== 'sent').length,
    closedBySendEvent,
  };
}

async function runMany(runs: number, seed: number) {
  const draws = new FaultPlan({ seed });
  const results: RunResult[] = [];
  // runs are independent (their own invitations, their own fault scope), so a few go at once
  const worker = async () => {
    while (results.length + running < runs) {
      running++;
      const r = await crashAndRetry(() => draws.draw());
      running--;
      results.push(r);
    }
  };
  let running = 0;
  await Promise.all(Array.from({ length: CONCURRENT_RUNS }, worker));
  const sum = (k: keyof Omit<RunResult, 'exact'>) => results.reduce((s, r) => s + r[k], 0);
  return {
    runs,
    exactRuns: results.filter((r) => r.exact).length,
    duplicatedEmails: sum('duplicated'),
    lostEmails: sum('lost'),
    wrongStatuses: sum('wrongStatus'),
    closedBySendEvent: sum('closedBySendEvent'),
    invitations: runs * PER_BATCH,
  };
}

describe('the dispatcher killed in the middle of a batch, then retried', () => {
  it('200 runs: every invitation emailed exactly once in at least 99% of runs, none lost, every status sent', async () => {
    // Act
    const m = await runMany(Number(process.env.CRASH_RUNS ?? 200), 16);

    // Assess
    process.stdout.write(
      `dispatcher crash test: ${m.runs} runs of ${PER_BATCH} invitations (${callsPerBatch} SDK calls a batch): ` +
        `${m.exactRuns} exactly once, ${m.duplicatedEmails} duplicate emails (${((100 * m.duplicatedEmails) / m.invitations).toFixed(2)}% of ${m.invitations}), ` +
        `${m.lostEmails} lost; ${m.closedBySendEvent} sends died between SES and their mark and were confirmed by SES's Send event\n`,
    );
    expect(m.lostEmails).toBe(0);
    expect(m.exactRuns / m.runs).toBeGreaterThanOrEqual(0.99);
    expect(m.wrongStatuses).toBe(0);
    // the crashes did reach the window between SES and the mark (else this test would prove nothing)
    expect(m.closedBySendEvent).toBeGreaterThan(0);
  }, 900_000);

  it('without SES Send events (the confirmation lost), a crash in that window duplicates the email, and still none is lost', async () => {
    // Prepare
    api.stack.sesEvents.publish = false;
    try {
      // Act
      const m = await runMany(Number(process.env.CRASH_RUNS_NO_EVENTS ?? 50), 61);

      // Assess
      process.stdout.write(
        `dispatcher crash test without Send events: ${m.runs} runs: ${m.exactRuns} exactly once, ` +
          `${m.duplicatedEmails} duplicate emails (${((100 * m.duplicatedEmails) / m.invitations).toFixed(2)}% of ${m.invitations}), ${m.lostEmails} lost\n`,
      );
      expect(m.lostEmails).toBe(0);
      expect(m.duplicatedEmails).toBeGreaterThan(0);
      expect(m.wrongStatuses).toBe(0);
    } finally {
      api.stack.sesEvents.publish = true;
    }
  }, 300_000);
});
