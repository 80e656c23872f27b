import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type HttpEvent, MAX_BODY_BYTES } from '../http/request.ts';
import { HTTP_TIMEOUT_SECONDS, type RouteSpec, routes } from '../http/routes.ts';
import { problem } from '../http/with-http.ts';
import { type CorsSettings, corsHeaders } from './cors.ts';
import type { LocalIssuer } from './jwt.ts';
import { lambdaContext, makeHttpEvent } from './lambda-event.ts';

const httpDir = join(fileURLToPath(new URL('.', import.meta.url)), '../http');

type Handler = (event: HttpEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
type LocalRoute = (req: IncomingMessage, body: string, url: URL) => Promise<{ status: number; body?: unknown }>;

interface Compiled {
  spec: RouteSpec;
  pattern: RegExp;
  names: string[];
}

const compiled: Compiled[] = routes.map((spec) => {
  const names: string[] = [];
  const source = spec.path.replace(/\{(\w+)\}/g, (_, n: string) => {
    names.push(n);
    return '([^/]+)';
  });
  return { spec, pattern: new RegExp(`^${source}$`), names };
});

/**
 * The local API: the route table mounted on node:http. Each request becomes the API Gateway v2
 * event (JWT claims under requestContext.authorizer.jwt.claims, as the JWT authorizer passes them)
 * and runs the same handler module Lambda runs.
 */
export function createLocalHttpServer(opts: { issuer: LocalIssuer; local: Record<string, LocalRoute>; cors?: CorsSettings }): Server {
  const handlers = new Map<string, Promise<Handler>>();
  const load = (entry: string) => {
    let h = handlers.get(entry);
    if (!h) {
      h = import(join(httpDir, entry)).then((m: { handler: Handler }) => m.handler);
      handlers.set(entry, h);
    }
    return h;
  };

  const server = createServer(async (req, res) => {
    const requestId = randomUUID();
    const cors = corsHeaders(opts.cors, req);
    for (const [k, v] of Object.entries(cors.headers)) res.setHeader(k, v);
    if (cors.preflight) return void res.writeHead(204).end();
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const body = await readBody(req);
      if (body === null) return send(res, problem(413, 'payload_too_large', 'The request body is too large.', requestId));
      const local = opts.local[`${req.method} ${url.pathname}`];
      if (local) {
        const out = await local(req, body, url);
        res.writeHead(out.status, out.body !== undefined ? { 'content-type': 'application/json' } : {});
        res.end(out.body !== undefined ? JSON.stringify(out.body) : undefined);
        return;
      }
      const matches = compiled.filter((c) => c.pattern.test(url.pathname));
      const route = matches.find((c) => c.spec.method === req.method);
      if (!route) {
        return send(
          res,
          matches.length > 0
            ? problem(405, 'method_not_allowed', `Allowed: ${matches.map((m) => m.spec.method).join(', ')}`, requestId)
            : problem(404, 'route_not_found', `No route for ${req.method} ${url.pathname}`, requestId),
        );
      }
      let claims: Record<string, unknown> | undefined;
      if (route.spec.auth) {
        const auth = req.headers.authorization ?? '';
        const token = /^Bearer (.+)$/i.exec(auth)?.[1];
        const payload = token ? await opts.issuer.verify(token) : null;
        // API Gateway's authorizer answers 401 before any Lambda runs; so does this
        if (!payload) return send(res, problem(401, 'unauthenticated', 'A valid bearer token is required.', requestId));
        claims = payload as Record<string, unknown>;
      }
      const m = route.pattern.exec(url.pathname) as RegExpExecArray;
      const pathParameters = decodePathParameters(route.names, m);
      // API Gateway refuses a malformed percent-escape before any Lambda runs; so does this
      if (!pathParameters) {
        return send(
          res,
          problem(400, 'validation_failed', 'The path has a malformed percent-escape.', requestId, {
            errors: [{ path: 'path', message: 'malformed percent-encoding' }],
          }),
        );
      }
      const handler = await load(route.spec.entry);
      const event = makeHttpEvent({
        method: route.spec.method,
        routePath: route.spec.path,
        url,
        headers: req.headers,
        body,
        pathParameters,
        ...(claims ? { claims } : {}),
        requestId,
        sourceIp: req.socket.remoteAddress ?? '',
      });
      send(res, await handler(event, lambdaContext(route.spec.id, requestId, HTTP_TIMEOUT_SECONDS * 1000)));
    } catch (error) {
      process.stderr.write(`local server: ${(error as Error).stack}\n`);
      send(res, problem(500, 'internal_error', 'Something went wrong on our side.', requestId));
    }
  });
  // Node closes an idle kept-alive connection after 5 s, and a client (fetch) drops it after 4: on a
  // loaded machine the client's timer fires late and it sends a request on a socket the server is
  // closing (ECONNRESET, a failed POST). API Gateway keeps idle connections far longer.
  server.keepAliveTimeout = 60_000;
  return server;
}

function decodePathParameters(names: string[], m: RegExpExecArray): Record<string, string> | null {
  try {
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, r: APIGatewayProxyStructuredResultV2) {
  res.writeHead(r.statusCode ?? 200, r.headers as Record<string, string>);
  res.end(r.body);
}
