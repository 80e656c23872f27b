import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../shared/adapters/dynamodb/client.ts';
import { itemTypes, keys, tableDefinition } from '../../shared/db/table.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Clock, ScheduledJob, Scheduler } from '../../shared/ports.ts';

export interface LocalSchedulerOptions {
  /**
   * The stack's table, through a client of the scheduler's own: its polling must not show up in the
   * round trips that tests count on the API's client.
   */
  table: Table;
  clock: Clock;
  /** The reminder Lambda's handler: a due schedule invokes it with the schedule's payload, as AWS would. */
  target: (job: ScheduledJob) => Promise<unknown>;
  logger: Logger;
  intervalMs?: number;
  /** Tries per firing before it is dropped (AWS: the retry policy, then the DLQ). */
  maxAttempts?: number;
}

/**
 * EventBridge Scheduler has no local emulator. This keeps one-time schedules as table items
 * (AP9, sorted by due time) and fires the due ones on the stack's clock, so moving the clock with
 * POST /_local/clock moves reminders and expiries forward too. A retried create does not make a
 * second schedule; a fired one is deleted; cancel is by name (GSI1).
 */
export class LocalScheduler implements Scheduler {
  private running = false;
  private loop?: Promise<void>;
  private cycle = 0;
  private waiters: { after: number; resolve: () => void }[] = [];

  constructor(private readonly o: LocalSchedulerOptions) {}

  async scheduleOnce(s: { name: string; at: Date; job: ScheduledJob }): Promise<void> {
    await this.create(s);
  }

  /** Creates the schedule; false if one of that name and time exists (EventBridge's ConflictException). */
  async create(s: { name: string; at: Date; job: ScheduledJob }, attempts = 0): Promise<boolean> {
    try {
      await this.o.table.doc.send(
        new PutCommand({
          TableName: this.o.table.name,
          Item: {
            ...keys.localSchedule(s.name, s.at.toISOString()),
            ...keys.localScheduleByName(s.name),
            entity: itemTypes.localSchedule,
            at: s.at.toISOString(),
            job: s.job,
            attempts,
          },
          // Names come from the invitation and so do times: a retried create writes the same key and
          // is refused here. (EventBridge refuses a name even with another time; no caller relies on that.)
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      return false;
    }
  }

  async cancel(name: string): Promise<void> {
    await this.remove(name);
  }

  /** Deletes the schedule of that name; false if there was none (EventBridge's ResourceNotFoundException). */
  async remove(name: string): Promise<boolean> {
    const k = keys.localScheduleByName(name);
    const res = await this.o.table.doc.send(
      new QueryCommand({
        TableName: this.o.table.name,
        IndexName: tableDefinition.gsi1.name,
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK = :sk',
        ExpressionAttributeValues: { ':pk': k.GSI1PK, ':sk': k.GSI1SK },
      }),
    );
    for (const item of res.Items ?? []) {
      await this.o.table.doc.send(new DeleteCommand({ TableName: this.o.table.name, Key: { PK: item.PK, SK: item.SK } }));
    }
    return (res.Items ?? []).length > 0;
  }

  /** Every schedule still waiting (tests and the dev server's curious users). */
  async pending(): Promise<{ name: string; at: string; job: ScheduledJob }[]> {
    return (await this.query()).map((i) => ({ name: String(i.name), at: String(i.at), job: i.job as ScheduledJob }));
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.o.table.doc.destroy();
  }

  /** Resolves after a full pass that began after the call: everything due by then has fired. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ after: this.cycle, resolve }));
  }

  private async run() {
    while (this.running) {
      const cycle = ++this.cycle;
      try {
        await this.fireDue();
      } catch (error) {
        if (this.running) this.o.logger.error('local scheduler pass failed', { error });
      }
      const done = this.waiters.filter((w) => w.after < cycle);
      this.waiters = this.waiters.filter((w) => w.after >= cycle);
      for (const w of done) w.resolve();
      await new Promise((r) => setTimeout(r, this.o.intervalMs ?? 100));
    }
    for (const w of this.waiters.splice(0)) w.resolve();
  }

  private async fireDue() {
    // '$' sorts right after '#', so the bound takes every `${at}#${name}` with at <= now
    const due = await this.query(`${this.o.clock.now().toISOString()}$`);
    for (const item of due) {
      try {
        // claim it first: with ActionAfterCompletion DELETE a fired schedule is gone
        await this.o.table.doc.send(
          new DeleteCommand({
            TableName: this.o.table.name,
            Key: { PK: item.PK, SK: item.SK },
            ConditionExpression: 'attribute_exists(PK)',
          }),
        );
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') continue;
        throw error;
      }
      const job = item.job as ScheduledJob;
      try {
        await this.o.target(job);
      } catch (error) {
        const attempts = Number(item.attempts ?? 0) + 1;
        if (attempts >= (this.o.maxAttempts ?? 3)) {
          this.o.logger.error('schedule dropped after its retries (the DLQ in AWS)', { name: item.name, error });
          continue;
        }
        this.o.logger.warn('schedule target failed; retrying', { name: item.name, error });
        await this.create({ name: String(item.name), at: new Date(this.o.clock.now().getTime() + 1000), job }, attempts);
      }
    }
  }

  // AP9: the local schedules, oldest due time first; the partition only exists on the local stack.
  private async query(before?: string) {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.o.table.doc.send(
        new QueryCommand({
          TableName: this.o.table.name,
          KeyConditionExpression: before ? 'PK = :pk AND SK < :before' : 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.localSchedulePartition().PK, ...(before ? { ':before': before } : {}) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
