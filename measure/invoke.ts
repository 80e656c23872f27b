import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { HttpEvent } from '../functions/http/request.ts';
import { routes } from '../functions/http/routes.ts';
import { lambdaContext, makeHttpEvent } from '../functions/local/lambda-event.ts';

const httpDir = join(fileURLToPath(new URL('.', import.meta.url)), '../functions/http');
type Handler = (e: HttpEvent, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const cache = new Map<string, Promise<Handler>>();

export interface Caller {
  userId: string;
  email: string;
  name?: string;
}

/**
 * Invokes a route's handler module directly, as Lambda would (no HTTP hop): the route is looked up
 * in the route table by method and template, so benchmarks and tests follow the real table.
 */
export async function invoke(
  method: string,
  routePath: string,
  o: {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    caller?: Caller;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<{ status: number; body: any }> {
  const route = routes.find((r) => r.method === method && r.path === routePath);
  if (!route) throw new Error(`no route ${method} ${routePath} in the route table`);
  let h = cache.get(route.entry);
  if (!h) {
    h = import(join(httpDir, route.entry)).then((m: { handler: Handler }) => m.handler);
    cache.set(route.entry, h);
  }
  const path = routePath.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(o.params?.[n] ?? ''));
  const url = new URL(`http://local${path}`);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
  const event = makeHttpEvent({
    method,
    routePath,
    url,
    headers: { ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers },
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    ...(o.params ? { pathParameters: o.params } : {}),
    ...(o.caller ? { claims: { sub: o.caller.userId, email: o.caller.email, email_verified: true, name: o.caller.name ?? 'Bench' } } : {}),
  });
  const res = await (await h)(event, lambdaContext(route.id, undefined, o.timeoutMs) as Context);
  return { status: res.statusCode ?? 200, body: res.body ? JSON.parse(res.body) : undefined };
}

export const hasRoute = (method: string, path: string) => routes.some((r) => r.method === method && r.path === path);
