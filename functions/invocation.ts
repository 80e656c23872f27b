import type { Context } from 'aws-lambda';
import { lambdaTraceId } from '../shared/config.ts';

/**
 * The keys operators filter Lambda logs on, added to every line the logger writes in Lambda:
 * `function`, `requestId`, `coldStart` and, with tracing on, `traceId`. A container runs one
 * invocation at a time, so the current invocation is module state, set by the wrapper every bundle's
 * generated entry puts around the handler (infra/constructs/api-function.ts `lambdaEntry`).
 * The local server never sets it: its lines carry what with-http adds (requestId, route).
 */
let current: { function: string; requestId: string; coldStart: boolean } | undefined;
let invocations = 0;

export function invocationFields(): Record<string, unknown> {
  if (!current) return {};
  const traceId = lambdaTraceId();
  return { ...current, ...(traceId ? { traceId } : {}) };
}

export function withInvocationLog<E, R>(handler: (event: E, context: Context) => Promise<R>) {
  return (event: E, context: Context): Promise<R> => {
    invocations += 1;
    current = { function: context.functionName, requestId: context.awsRequestId, coldStart: invocations === 1 };
    return handler(event, context);
  };
}
