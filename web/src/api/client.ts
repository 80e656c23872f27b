import { ApiError, createInvitationsClient, type InvitationsApi, type Schemas } from '@org-invitations/client';
import { bearer } from '../auth/session.ts';

export type { Schemas };
export { ApiError };

/** The request never got an answer (offline, DNS, CORS refused). */
export class NetworkError extends Error {}

export let api: InvitationsApi;

/**
 * The generated client (clients/typescript) with the signed-in person's token, asked before every
 * request so a renewed token is used at once. A non-2xx answer throws its ApiError (with `code`).
 */
export function startApi(baseUrl: string) {
  api = createInvitationsClient({ baseUrl, token: bearer });
}

/**
 * Awaits a client call and answers its data; the client's ApiError passes through, a request that got
 * no answer becomes NetworkError. Pages then match on `error.code`, never on raw JSON.
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  try {
    return (await request).data as T;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new NetworkError();
  }
}
