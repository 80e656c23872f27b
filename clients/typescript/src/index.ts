import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.ts';

/*
 * The typed client of the org-invitations API. Paths, parameters, bodies and responses come from
 * ./schema.ts, which openapi-typescript generates from docs/openapi.json (`npm run openapi`); requests
 * go through openapi-fetch. Nothing here repeats a request or response type by hand.
 */
export type { components, operations, paths };
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
/** Every code of the API's catalogue, plus `throttled` for API Gateway's own 429 and `unknown` for a body that is neither. */
export type ErrorCode = Problem['code'] | 'throttled' | 'unknown';

/** A refusal: the problem+json body's `code`, `status` and `detail`, or what API Gateway answered itself, mapped to the same shape. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly detail: string,
    /** The problem+json body as the API sent it (null when API Gateway answered with `{"message"}` or something else). */
    readonly problem: Problem | null,
    /** Seconds from `Retry-After` (429, 503), when given. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(`${status} ${code}: ${detail}`);
  }

  get requestId(): string | null {
    return this.problem?.requestId ?? null;
  }

  /** Field errors of a 400 (`path` like `body.role`), empty otherwise. */
  get fieldErrors(): { path: string; message: string }[] {
    return this.problem?.errors ?? [];
  }
}

/** API Gateway answers these itself, with `{"message": "..."}`, before any function of the service runs. */
const gatewayCodes: Record<number, ErrorCode> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'route_not_found',
  413: 'payload_too_large',
  429: 'throttled',
  500: 'internal_error',
  503: 'service_busy',
  504: 'service_busy',
};

/** Reads a failed response into an ApiError: problem+json as is; `{"message"}` bodies by their status. */
export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: mapped by status below */
  }
  const b = body as (Partial<Problem> & { message?: string }) | null;
  if (b && typeof b.code === 'string' && typeof b.status === 'number') {
    return new ApiError(response.status, b.code, b.detail ?? b.title ?? '', b as Problem, wait);
  }
  const message = typeof b?.message === 'string' ? b.message : text.slice(0, 200) || response.statusText;
  return new ApiError(response.status, gatewayCodes[response.status] ?? 'unknown', message, null, wait);
}

export interface ClientOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:3000` (npm start) or the deployed API's URL. */
  baseUrl: string;
  /** The bearer token (an OIDC ID token), or a function asked before every request (for refreshing tokens). Omit for public routes only. */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetch?: typeof fetch;
}

export type InvitationsApi = Client<paths>;

/**
 * `api` is an openapi-fetch client over the document's paths: `api.GET('/orgs/{orgId}', { params: { path: { orgId } } })`.
 * Every non-2xx answer throws an ApiError, so `data` of a call that returns is the success body; use
 * `unwrap()` to get it typed without the `undefined` openapi-fetch leaves in.
 */
export function createInvitationsClient(options: ClientOptions): InvitationsApi {
  const api = createFetchClient<paths>({ baseUrl: options.baseUrl.replace(/\/$/, ''), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const auth: Middleware = {
    async onRequest({ request }) {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    async onResponse({ response }) {
      if (!response.ok) throw await toApiError(response);
      return response;
    },
  };
  api.use(auth);
  return api;
}

/** The success body of an openapi-fetch call (which has thrown an ApiError otherwise). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  // unreachable through createInvitationsClient (its middleware throws first); kept for clients built without it
  if (error !== undefined || !response.ok) throw await toApiError(response);
  return data as T;
}

/**
 * A fresh `Idempotency-Key` header for a creating request (`POST /orgs`, `/orgs/{orgId}/invitations`,
 * `/orgs/{orgId}/teams`, `/orgs/{orgId}/join`). Keep the key and send it again when retrying the same
 * request: the API then answers the first response (header `idempotent-replayed: true`) and does nothing twice.
 */
export function idempotencyKey(key: string = globalThis.crypto.randomUUID()) {
  return { 'Idempotency-Key': key };
}

/** Did the API answer from an earlier request with the same Idempotency-Key? */
export const wasReplayed = (response: Response) => response.headers.get('idempotent-replayed') === 'true';

interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Every item of a cursor-paged list, fetching pages as the loop asks for them:
 * `for await (const m of pages((cursor) => api.GET('/orgs/{orgId}/members', { params: { path: { orgId }, query: { cursor } } })))`.
 */
export async function* pages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ data?: PageBody<T>; error?: unknown; response: Response }>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await unwrap(fetchPage(cursor));
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
