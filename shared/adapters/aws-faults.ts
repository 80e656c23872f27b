/**
 * The AWS fault classes that say "not now" rather than "no": the request was refused before it was
 * applied (throttling, capacity) or lost a race with another writer (a transaction conflict), so the
 * same request may be sent again. Read by the DynamoDB retry policy and by the HTTP layer, which
 * answers any of them that outlasted the retries as `503 service_busy` instead of a 500.
 */
const RETRYABLE_ERRORS = new Set([
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'TransactionConflictException',
  'TransactionInProgressException',
  'LimitExceededException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

/** Reasons of a cancelled transaction's items that are contention or capacity, not a failed condition. */
export const TRANSIENT_CANCELLATION_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

interface AwsError {
  name?: string;
  CancellationReasons?: { Code?: string }[];
}

/**
 * A transaction cancelled only by contention or throttling: no condition failed, so it wrote nothing
 * and says nothing about the data. It must never be read as a business refusal.
 */
export function isTransientCancellation(error: unknown): boolean {
  const e = error as AwsError | undefined;
  if (e?.name !== 'TransactionCanceledException') return false;
  const codes = (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  return codes.some((c) => TRANSIENT_CANCELLATION_REASONS.has(c)) && codes.every((c) => c === 'None' || TRANSIENT_CANCELLATION_REASONS.has(c));
}

export function isRetryableAwsFault(error: unknown): boolean {
  const name = (error as AwsError | undefined)?.name;
  return (name !== undefined && RETRYABLE_ERRORS.has(name)) || isTransientCancellation(error);
}
