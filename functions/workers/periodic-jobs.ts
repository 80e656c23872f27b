/**
 * The reminder function's periodic calls, each with the event it is given: in AWS an EventBridge rule
 * per entry (infra/stacks/api-stack.ts builds them from this list), on the local stack a timer (functions/local/periodic-jobs.ts).
 * The work each starts is what the table lists (markers, unfinished deletions), so a missed or doubled
 * tick only moves it to the next one.
 */
export const periodicJobs = [
  /** Invitations' and members' schedules the Scheduler refused (scheduled-jobs.ts, access-schedule-retries.ts). */
  { event: { kind: 'retry-schedules' }, everyMinutes: 5 },
  /** Deleted orgs whose cleanup's stream record was given up (resume-stalled-deletions.ts). */
  { event: { kind: 'resume-org-deletions' }, everyMinutes: 15 },
] as const;

export type PeriodicJobKind = (typeof periodicJobs)[number]['event']['kind'];
