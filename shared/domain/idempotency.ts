import { createHash } from 'node:crypto';
import type { Clock, IdempotencyStore, StoredResponse } from '../ports.ts';
import { conflict, DomainError, invalid } from './errors.ts';

/** How long a key answers with its first response. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;
/**
 * How long an unfinished first request holds its key. Longer than any API request can run (API
 * Gateway stops waiting at 30 s), so a live request is never taken over; a crashed one frees its key.
 */
export const IDEMPOTENCY_LOCK_SECONDS = 60;
/** Printable ASCII without `#` (the key separator), like the keys clients generate (UUIDs, ULIDs). */
const KEY_PATTERN = /^[\x21\x22\x24-\x7e]{1,255}$/;

export interface IdempotentRequest {
  callerId: string;
  key: string;
  method: string;
  path: string;
  body: string;
}

/**
 * What "the same request" means: same method, same path, same JSON body. The body is compared as
 * data (key order and whitespace do not matter), so a client that re-serializes is not refused.
 */
export function requestFingerprint(req: Pick<IdempotentRequest, 'method' | 'path' | 'body'>): string {
  let body: string;
  try {
    body = canonicalJson(req.body.length ? JSON.parse(req.body) : null);
  } catch {
    body = `raw:${req.body}`;
  }
  return createHash('sha256').update(`${req.method}\n${req.path}\n${body}`).digest('base64url');
}

/**
 * Claims the key for this request. Returns the stored first response when the same request already
 * completed; null when this request goes ahead (and must then complete or release the key).
 */
export async function claimIdempotencyKey(deps: { clock: Clock; idempotency: IdempotencyStore }, req: IdempotentRequest): Promise<StoredResponse | null> {
  if (!KEY_PATTERN.test(req.key)) {
    throw invalid('The Idempotency-Key header is not valid.', [
      { path: 'headers.idempotency-key', message: '1 to 255 printable ASCII characters, without "#"' },
    ]);
  }
  const now = deps.clock.now();
  const fingerprint = requestFingerprint(req);
  const held = await deps.idempotency.claim({
    callerId: req.callerId,
    key: req.key,
    fingerprint,
    now: now.toISOString(),
    lockedUntil: new Date(now.getTime() + IDEMPOTENCY_LOCK_SECONDS * 1000).toISOString(),
    expiresAt: new Date(now.getTime() + IDEMPOTENCY_WINDOW_HOURS * 3_600_000).toISOString(),
  });
  if (held === null) return null;
  if (held.fingerprint !== fingerprint) throw new DomainError('unprocessable', 'idempotency_key_reused');
  if (held.state === 'in_progress') throw conflict('idempotency_in_progress');
  return held.response;
}

/**
 * Server errors are not stored: the client may retry them with the same key. Nor is an answer that
 * asks to be retried (Retry-After: a 207 whose recipients were partly left unwritten by a busy
 * DynamoDB, a 429): the retry with the same key runs, and completes what was left.
 */
export const isReplayable = (response: StoredResponse) =>
  response.statusCode < 500 && !Object.keys(response.headers ?? {}).some((h) => h.toLowerCase() === 'retry-after');

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
