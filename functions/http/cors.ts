import { routes } from './routes.ts';

/**
 * The browser rules of the API, one definition for both places that answer them: CDK's HttpApi
 * `corsPreflight` (API Gateway answers preflights itself, before any authorizer) and the local
 * server (functions/local/cors.ts), so a web app meets the same answers on `npm start` as deployed.
 */
export const corsRules = {
  allowMethods: [...new Set(routes.map((r) => r.method))],
  allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
  /**
   * What a browser client may read besides the CORS-safelisted headers: when to retry, the request
   * id to report, whether an Idempotency-Key replayed, and the rate limits (IETF RateLimit headers).
   */
  exposeHeaders: ['retry-after', 'x-request-id', 'idempotent-replayed', 'ratelimit', 'ratelimit-policy'],
  maxAgeSeconds: 3600,
} as const;

/** The origins allowed to call the API: the app that hosts the accept page, and any listed besides. */
export function allowedOrigins(acceptUrlBase: string, extra: readonly string[] = []): string[] {
  return [...new Set([new URL(acceptUrlBase).origin, ...extra.map((o) => new URL(o).origin)])];
}
