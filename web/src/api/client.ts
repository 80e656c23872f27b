import type { components, paths } from '@org-invitations/client';
import createClient, { type Middleware } from 'openapi-fetch';
import { bearer } from '../auth/session.ts';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

/** An answer other than 2xx, carrying the problem+json the API sent (its `code` is what pages switch on). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Partial<Problem>) {
    super(problem.code ?? `HTTP ${status}`);
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

/** The request never got an answer (offline, DNS, CORS refused). */
export class NetworkError extends Error {}

const auth: Middleware = {
  onRequest({ request }) {
    const token = bearer();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

export type Api = ReturnType<typeof createClient<paths>>;
export let api: Api;

/** The typed client generated from the OpenAPI document, with the signed-in person's token. */
export function startApi(baseUrl: string) {
  api = createClient<paths>({ baseUrl });
  api.use(auth);
}

/**
 * Awaits a client call and answers its data, or throws ApiError with the problem, or NetworkError.
 * Pages then match on `error.code`, never on raw JSON.
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let out: { data?: T; error?: unknown; response: Response };
  try {
    out = await request;
  } catch {
    throw new NetworkError();
  }
  if (!out.response.ok) throw new ApiError(out.response.status, (out.error ?? {}) as Partial<Problem>);
  return out.data as T;
}
