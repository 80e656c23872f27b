import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { claimIdempotencyKey, isReplayable } from '../../shared/domain/idempotency.ts';
import type { IdempotencyStore } from '../../shared/ports.ts';
import { baseRuntime } from '../runtime.ts';
import { isInvocationTimeout } from './invocation-timeout.ts';
import { actorFrom, type HttpEvent } from './request.ts';

type Result = APIGatewayProxyStructuredResultV2;
interface Claim {
  callerId: string;
  key: string;
}

/**
 * `Idempotency-Key` for creating routes (`withHttp({ idempotency }, ...)`): the first request
 * with a key claims it (a conditional Put of IDEM#caller#key, in progress), runs, and stores its
 * response; a repeat with the same body gets that response back without running again, with a
 * different body 422, while the first is still running 409. A failed first request releases the
 * key, so a retry runs for real. Without the header nothing changes.
 */
export function idempotency(store: () => IdempotencyStore): MiddlewareObj<HttpEvent, Result> {
  const claims = new WeakMap<object, Claim>();
  return {
    before: async (request) => {
      const key = headerOf(request.event, 'idempotency-key');
      if (key === undefined) return;
      const callerId = actorFrom(request.event).userId;
      const stored = await claimIdempotencyKey(
        { clock: baseRuntime().clock, idempotency: store() },
        {
          callerId,
          key,
          method: request.event.requestContext.http.method,
          path: request.event.rawPath,
          body: bodyText(request.event),
        },
      );
      if (stored) {
        return {
          statusCode: stored.statusCode,
          headers: { ...stored.headers, 'idempotent-replayed': 'true' },
          ...(stored.body !== undefined ? { body: stored.body } : {}),
        };
      }
      claims.set(request, { callerId, key });
    },
    after: async (request) => {
      const claim = claims.get(request);
      const response = request.response;
      if (!claim || !response) return;
      const stored = {
        statusCode: response.statusCode ?? 200,
        headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k, String(v)])),
        ...(response.body !== undefined ? { body: response.body } : {}),
      };
      try {
        if (isReplayable(stored)) await store().complete(claim.callerId, claim.key, stored);
        else await store().release(claim.callerId, claim.key);
      } catch (error) {
        // The change is already made: answer it. The claim stays in progress until its lock runs out.
        baseRuntime().logger.error('idempotency record not stored', { error });
      }
    },
    onError: async (request) => {
      const claim = claims.get(request);
      // Cut off by the timeout, the handler may still be writing: a retry must not run beside it, so
      // the claim stays in progress (409 to a retry) until its lock runs out and a retry takes it over.
      if (!claim || isInvocationTimeout(request.error)) return;
      try {
        await store().release(claim.callerId, claim.key);
      } catch (error) {
        baseRuntime().logger.error('idempotency claim not released', { error });
      }
    },
  };
}

function headerOf(event: HttpEvent, name: string): string | undefined {
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === name) return v;
  return undefined;
}

function bodyText(event: HttpEvent): string {
  const raw = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
}
