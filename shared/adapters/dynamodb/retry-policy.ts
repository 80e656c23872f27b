import { ANSWER_RESERVE_MS, remainingMs } from '../../deadline.ts';
import { serviceBusy } from '../../domain/errors.ts';
import { isRetryableAwsFault } from '../aws-faults.ts';

/**
 * The one retry policy of every DynamoDB call, on top of the SDK's own (which retries throttling and
 * 5xx up to 3 times, but never a transaction cancelled by a conflict):
 * - which errors: the fault classes of ../aws-faults.ts, including a `TransactionCanceledException`
 *   whose reasons are only `TransactionConflict` / `ThrottlingError` (it wrote nothing, so sending it
 *   again is safe); a cancellation with a failed condition is an answer, never retried here;
 * - how often: `attempts` sends in all, with full-jitter backoff between them;
 * - how long: no retry past the invocation's deadline less the time kept to answer, and no new call
 *   in its last 4 s (shared/deadline.ts).
 * What outlasts it becomes `503 service_busy` (a DomainError), never a 500 and never a business code.
 */
export const retryPolicy = {
  attempts: 6,
  baseDelayMs: 50,
  maxDelayMs: 1_000,
} as const;

/**
 * Full jitter ("Exponential Backoff and Jitter", AWS Architecture Blog): writers that collided on one
 * item spread out instead of colliding again on the same beat.
 */
export const backoffMs = (attempt: number) => Math.random() * Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** attempt);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether another attempt, after waiting `waitMs`, still leaves the time to answer. */
export const timeForAnother = (attempt: number, waitMs: number) => attempt + 1 < retryPolicy.attempts && remainingMs() - waitMs > ANSWER_RESERVE_MS;

/** The error a caller sees when the policy gives up; the AWS error stays on it as `cause` for the logs. */
export function busyFrom(error: unknown) {
  return Object.assign(serviceBusy(), { cause: error });
}

/**
 * A call is not started with less than this left: its first round of SDK attempts (3, with the SDK's
 * own throttling backoff of up to 1 s then 2 s between them, and the call itself) must end before the invocation's timeout,
 * or the function is cut off mid-request and answers nothing true. The answer reserve (6 s) leaves the
 * calls that follow a bulk invite's last chunk (settling its reservation, storing the idempotent
 * response) at least this much.
 */
const MIN_CALL_MS = 4_000;

export async function withRetries<T>(call: () => Promise<T>): Promise<T> {
  if (remainingMs() < MIN_CALL_MS) throw busyFrom(new Error('no time left for another DynamoDB call before the deadline'));
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryableAwsFault(error)) throw error;
      const wait = backoffMs(attempt);
      if (!timeForAnother(attempt, wait)) throw busyFrom(error);
      await sleep(wait);
    }
  }
}

interface WithMiddlewareStack {
  middlewareStack: {
    // biome-ignore lint/suspicious/noExplicitAny: the SDK's handler types differ per client; the policy is the same for all
    add(middleware: (next: (args: any) => Promise<any>) => (args: any) => Promise<any>, options: { step: 'initialize'; name: string; override: boolean }): void;
  };
}

/**
 * Installs the policy on a client, outside the SDK's retry loop (step `initialize`), so no store can
 * forget it and a fault injected inside the SDK's loop meets both, as in AWS.
 */
export function applyRetryPolicy<C extends WithMiddlewareStack>(client: C): C {
  client.middlewareStack.add((next) => (args) => withRetries(() => next(args)), {
    step: 'initialize',
    name: 'orgInvitationsRetryPolicy',
    override: true,
  });
  return client;
}
