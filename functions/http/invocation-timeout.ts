/**
 * The invocation reached its timeout with the handler still running (middy answers 5 ms before it):
 * a call outlasted every deadline check (a latency spike, an overloaded DynamoDB Local). Part of
 * the request may be written, so it is `service_busy` with the retry that completes it, not a 500.
 */
export const isInvocationTimeout = (error: unknown) =>
  (error as Error | undefined)?.name === 'TimeoutError' && (error as { cause?: { package?: string } }).cause?.package === '@middy/core';
