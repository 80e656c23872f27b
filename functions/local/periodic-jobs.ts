import { AsyncResource } from 'node:async_hooks';
import type { Logger } from '../../shared/logger.ts';
import { type PeriodicJobKind, periodicJobs } from '../workers/periodic-jobs.ts';

export interface PeriodicJobsOptions {
  /** The function the rules invoke (the reminder worker's handler). */
  target: (event: { kind: PeriodicJobKind }) => Promise<{ outcome: string }>;
  logger: Logger;
  /** Per job, how often it runs (ms); default the deployed rules' rate. */
  everyMs?: Partial<Record<PeriodicJobKind, number>>;
}

/**
 * The EventBridge rules of the deployed stack, on the local stack: each periodic job runs on a timer of
 * real time at the deployed rate (or the given one), one run at a time per job (a run still going when
 * the next tick comes makes that tick do nothing, as a rule's invocation would find nothing left).
 */
export class LocalPeriodicJobs {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<PeriodicJobKind, Promise<void>>();
  /** Runs finished per job, for tests that wait for one. */
  readonly runs = new Map<PeriodicJobKind, number>();
  // a rule invokes the function on its own, not inside whatever call happened to be running (e.g. a test's fault scope)
  private readonly context = new AsyncResource('local-periodic-jobs');

  constructor(private readonly o: PeriodicJobsOptions) {}

  start(): void {
    for (const job of periodicJobs) {
      const kind = job.event.kind;
      const every = this.o.everyMs?.[kind] ?? job.everyMinutes * 60_000;
      const timer = setInterval(() => this.tick(kind), every);
      timer.unref();
      this.timers.push(timer);
    }
  }

  private tick(kind: PeriodicJobKind): void {
    if (this.running.has(kind)) return;
    const run = this.context
      .runInAsyncScope(() => this.o.target({ kind }))
      .then(
        ({ outcome }) => this.o.logger.info('periodic job', { kind, outcome }),
        (error: unknown) => this.o.logger.error('periodic job failed', { kind, error }),
      )
      .finally(() => {
        this.running.delete(kind);
        this.runs.set(kind, (this.runs.get(kind) ?? 0) + 1);
      });
    this.running.set(kind, run);
  }

  async stop(): Promise<void> {
    for (const t of this.timers.splice(0)) clearInterval(t);
    await Promise.all([...this.running.values()]);
  }
}
