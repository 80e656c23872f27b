import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../http/request.ts';

export interface HttpEventInput {
  method: string;
  /** The route's template, e.g. /orgs/{orgId}: API Gateway's routeKey is built from it. */
  routePath: string;
  url: URL;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  pathParameters?: Record<string, string>;
  claims?: Record<string, unknown>;
  requestId?: string;
  sourceIp?: string;
}

/**
 * The API Gateway HTTP API (payload v2) event a route's Lambda receives, used by the local server,
 * tests and benchmarks. JWT claims arrive as strings, as the JWT authorizer passes them.
 */
export function makeHttpEvent(i: HttpEventInput): HttpEvent {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(i.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of i.url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const claims = i.claims ? Object.fromEntries(Object.entries(i.claims).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) : {};
  const now = new Date();
  const requestId = i.requestId ?? randomUUID();
  const routeKey = `${i.method} ${i.routePath}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: i.url.pathname,
    rawQueryString: i.url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(i.pathParameters && Object.keys(i.pathParameters).length ? { pathParameters: i.pathParameters } : {}),
    ...(i.body ? { body: i.body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method: i.method, path: i.url.pathname, protocol: 'HTTP/1.1', sourceIp: i.sourceIp ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
    },
  } as HttpEvent;
}

/** `timeoutMs` is the function's timeout; the local server passes the deployed one (HTTP_TIMEOUT_SECONDS). */
export function lambdaContext(functionName: string, requestId: string = randomUUID(), timeoutMs = 29_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
