import type { MiddlewareObj } from '@middy/core';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { isRetryableAwsFault } from '../../shared/adapters/aws-faults.ts';
import { withDeadline } from '../../shared/deadline.ts';
import { DomainError, type ErrorKind, errorCodes, serviceBusy } from '../../shared/domain/errors.ts';
import { rateLimitHeaders } from '../../shared/domain/limits/quotas.ts';
import type { Actor } from '../../shared/domain/model.ts';
import type { Logger } from '../../shared/logger.ts';
import type { IdempotencyStore } from '../../shared/ports.ts';
import { baseRuntime } from '../runtime.ts';
import { idempotency } from './idempotency.ts';
import { isInvocationTimeout } from './invocation-timeout.ts';
import { problemType } from './problems.ts';
import { actorFrom, type HttpEvent, lowerCase, parse, readJson, type Schema, scopesOf } from './request.ts';
import type { RouteResult } from './response-schemas.ts';
import { type RouteId, routeAuth, routeScope } from './routes.ts';
import { type ApiCode, apiCodes, TransportError, transportCodes } from './transport-errors.ts';

export interface HttpRequest<TBody, TQuery, TParams, TDeps> {
  body: TBody;
  query: TQuery;
  params: TParams;
  actor: Actor;
  headers: Record<string, string | undefined>;
  deps: TDeps;
  log: Logger;
  requestId: string;
}

export interface HttpSpec<R extends RouteId, TBody, TQuery, TParams, TDeps> {
  /** The route-table entry this handler serves: its result must be one that route declares (response-schemas.ts). */
  route: R;
  body?: Schema<TBody>;
  query?: Schema<TQuery>;
  params?: Schema<TParams>;
  /**
   * The ports the route's use case needs, composed from ./adapters.ts: the function's bundle holds
   * these and no others. Called per request; each adapter is built once per cold start.
   */
  deps?: () => TDeps;
  /** Creating routes: honour an `Idempotency-Key` header, keeping responses in this store (see idempotency.ts). Needs auth. */
  idempotency?: () => IdempotencyStore;
}

const statusOf: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

const timedOut = (cause: unknown) =>
  Object.assign(
    serviceBusy({
      detail:
        'The request ran out of time before it finished; part of it may be done. Send the same request again (with the same Idempotency-Key) to complete it.',
    }),
    { cause },
  );

/** problem+json for every failure; only DomainErrors and TransportErrors are shown, anything else is a 500 with a request id. */
const problemJson = (): MiddlewareObj<HttpEvent, APIGatewayProxyStructuredResultV2> => ({
  onError: async (request) => {
    // an AWS fault class that reached here (a client without the DynamoDB retry policy) is still "busy", not a bug
    const error = isRetryableAwsFault(request.error)
      ? Object.assign(serviceBusy(), { cause: request.error })
      : isInvocationTimeout(request.error)
        ? timedOut(request.error)
        : request.error;
    const requestId = request.context.awsRequestId;
    const log = baseRuntime().logger.child({ requestId, route: request.event.routeKey });
    if (error instanceof DomainError) {
      const status = statusOf[error.kind];
      const { detail, errors, retryAfterSeconds, ...extra } = error.extra;
      const limited = extra.rateLimit ? rateLimitHeaders(extra.rateLimit as Parameters<typeof rateLimitHeaders>[0]) : {};
      request.response = problem(
        status,
        error.code,
        detail ?? errorCodes[error.code],
        requestId,
        {
          ...(errors ? { errors } : {}),
          ...extra,
        },
        { ...(retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {}), ...limited },
      );
      if (status >= 500) log.warn('request not served', { status, code: error.code, cause: (error as { cause?: unknown }).cause });
      else log.info('request refused', { status, code: error.code });
      return;
    }
    if (error instanceof TransportError) {
      request.response = problem(error.status, error.code, error.detail, requestId);
      log.info('request refused', { status: error.status, code: error.code });
      return;
    }
    log.error('unhandled error', { error });
    request.response = problem(500, 'internal_error', transportCodes.internal_error, requestId);
  },
});

export function problem(
  status: number,
  code: string,
  detail: string,
  requestId: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId, ...headers },
    body: JSON.stringify({
      type: problemType(code),
      title: apiCodes[code as ApiCode] ?? code,
      status,
      detail,
      code,
      requestId,
      ...extra,
    }),
  };
}

/** What the OpenAPI generator reads from a handler: the schemas it parses requests with. */
export interface HttpContract {
  route: RouteId;
  auth: boolean;
  idempotent: boolean;
  body?: Schema<unknown>;
  query?: Schema<unknown>;
  params?: Schema<unknown>;
}

export function withHttp<R extends RouteId, TBody = undefined, TQuery = Record<string, never>, TParams = Record<string, never>, TDeps = Record<string, never>>(
  spec: HttpSpec<R, TBody, TQuery, TParams, TDeps>,
  fn: (req: HttpRequest<TBody, TQuery, TParams, TDeps>) => Promise<RouteResult<R>>,
) {
  // whether the caller must be signed in is the route table's to say (API Gateway's authorizer and the
  // local server read the same row); the handler refuses an unsigned call to a signed route as well
  const requireAuth = routeAuth(spec.route);
  const stack = middy<HttpEvent, APIGatewayProxyStructuredResultV2, Error, Context>().use(problemJson());
  if (spec.idempotency && requireAuth) stack.use(idempotency(spec.idempotency));
  const handler = stack.handler(async (event, context) => {
    const { logger } = baseRuntime();
    const requestId = context.awsRequestId;
    const log = logger.child({ requestId, route: event.routeKey });
    const actor = requireAuth ? actorFrom(event) : anonymous;
    if (actor.service) requireScope(spec.route, scopesOf(event));
    const body = spec.body ? parse(spec.body, readJson(event), 'body') : (undefined as TBody);
    const query = spec.query ? parse(spec.query, event.queryStringParameters ?? {}, 'query') : ({} as TQuery);
    const params = spec.params ? parse(spec.params, event.pathParameters ?? {}, 'path') : ({} as TParams);
    const deps = spec.deps ? spec.deps() : ({} as TDeps);
    const deadline = Date.now() + context.getRemainingTimeInMillis();
    const result: { statusCode: number; body?: unknown; headers?: Record<string, string> } = await withDeadline(deadline, () =>
      fn({ body, query, params, actor, headers: lowerCase(event.headers), deps, log, requestId }),
    );
    log.info('request done', { status: result.statusCode });
    // a text body (the API reference page) goes out as it is, under the type its handler names
    const text = typeof result.body === 'string' && result.headers?.['content-type']?.startsWith('text/') === true;
    return {
      statusCode: result.statusCode,
      headers: { ...(result.body !== undefined ? { 'content-type': 'application/json' } : {}), 'x-request-id': requestId, ...result.headers },
      ...(result.body !== undefined ? { body: text ? (result.body as string) : JSON.stringify(result.body) } : {}),
    };
  });
  // the schemas are in the bundle anyway (they parse every request); the document is built from them
  const contract: HttpContract = {
    route: spec.route,
    auth: requireAuth,
    idempotent: spec.idempotency !== undefined,
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.query ? { query: spec.query } : {}),
    ...(spec.params ? { params: spec.params } : {}),
  };
  return Object.assign(handler, { contract });
}

/** A service principal calls only the routes the table gives a scope, and only with that scope (docs/adr/service-principals.md). */
function requireScope(route: RouteId, held: string[]): void {
  const needed = routeScope(route);
  if (!needed) throw new TransportError(403, 'insufficient_scope', 'This route acts for a signed-in user; a service principal cannot call it.');
  if (!held.includes(needed)) throw new TransportError(403, 'insufficient_scope', `This route needs the scope \`${needed}\`, which the token does not hold.`);
}

const anonymous: Actor = { userId: '', email: '', emailVerified: false };
