import { describe, expect, it } from 'vitest';
import { isRetryableAwsFault, isTransientCancellation } from '../../shared/adapters/aws-faults.ts';

const cancelled = (...codes: string[]) => ({ name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('which AWS faults are "not now" rather than "no"', () => {
  it('throttling and capacity errors of every service are retryable', () => {
    for (const name of [
      'ThrottlingException',
      'ProvisionedThroughputExceededException',
      'RequestLimitExceeded',
      'TooManyRequestsException',
      'InternalServerError',
    ]) {
      expect(isRetryableAwsFault({ name }), name).toBe(true);
    }
  });

  it('a transaction cancelled only by conflicts or throttling wrote nothing and is retryable', () => {
    expect(isTransientCancellation(cancelled('None', 'TransactionConflict', 'None'))).toBe(true);
    expect(isTransientCancellation(cancelled('ThrottlingError', 'None'))).toBe(true);
    expect(isRetryableAwsFault(cancelled('ProvisionedThroughputExceeded'))).toBe(true);
  });

  it('a cancellation with a failed condition is an answer about the data, never retried as contention', () => {
    expect(isTransientCancellation(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe(false);
    expect(isRetryableAwsFault(cancelled('ConditionalCheckFailed'))).toBe(false);
    expect(isRetryableAwsFault(cancelled('None', 'None'))).toBe(false);
  });

  it('refusals and bugs are not retryable', () => {
    for (const name of ['ConditionalCheckFailedException', 'ValidationException', 'ResourceNotFoundException', 'AccessDeniedException', 'TypeError']) {
      expect(isRetryableAwsFault({ name }), name).toBe(false);
    }
  });
});
