import type { IncomingMessage } from 'node:http';

export interface CorsSettings {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

/**
 * API Gateway HTTP API's CORS (the stack's `corsPreflight`): the gateway answers a preflight itself,
 * before any authorizer, and adds the CORS headers to every response for an allowed origin. An
 * origin not listed gets no CORS headers, so the browser refuses the response.
 */
export function corsHeaders(cors: CorsSettings | undefined, req: IncomingMessage): { preflight: boolean; headers: Record<string, string> } {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS' && typeof req.headers['access-control-request-method'] === 'string';
  if (!cors || !origin || !cors.allowOrigins.includes(origin)) return { preflight, headers: {} };
  const headers: Record<string, string> = { 'access-control-allow-origin': origin, vary: 'origin' };
  if (preflight) {
    headers['access-control-allow-methods'] = cors.allowMethods.join(',');
    headers['access-control-allow-headers'] = cors.allowHeaders.join(',');
    headers['access-control-max-age'] = String(cors.maxAgeSeconds);
  } else if (cors.exposeHeaders.length) {
    headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
  }
  return { preflight, headers };
}
