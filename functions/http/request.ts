import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as z from 'zod/mini';
import { serviceActorId } from '../../shared/domain/access.ts';
import { normalizeEmail } from '../../shared/domain/emails.ts';
import { DomainError, type FieldError } from '../../shared/domain/errors.ts';
import type { Actor } from '../../shared/domain/model.ts';
import { TransportError } from './transport-errors.ts';

// Reading a request: who calls, its headers, its JSON body and its parts checked against a schema.
// with-http.ts composes these and the idempotency middleware uses them, so neither imports the other.

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type Schema<T> = z.ZodMiniType<T>;

/** Bodies above this are refused before parsing; the largest valid request (1000 invitees) is far below. */
export const MAX_BODY_BYTES = 512 * 1024;

/**
 * Identity comes only from claims the API Gateway JWT authorizer (or the local server) verified.
 * API Gateway hands claims over as strings, so `email_verified` may be "true" rather than true.
 */
export function actorFrom(event: HttpEvent): Actor {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub.length === 0) throw new DomainError('unauthenticated', 'unauthenticated');
  if (isClientCredentials(claims)) return { userId: serviceActorId(sub), email: '', emailVerified: false, service: { clientId: sub } };
  const email = typeof claims?.email === 'string' ? normalizeEmail(claims.email) : '';
  const verified = claims?.email_verified === true || claims?.email_verified === 'true';
  const name = typeof claims?.name === 'string' ? claims.name : undefined;
  return { userId: sub, email, emailVerified: verified && email.length > 0, ...(name ? { name } : {}) };
}

type Claims = Record<string, string | number | boolean | string[]> | undefined;

/**
 * A token of the OAuth client-credentials grant: issued to a client, not a user, so its subject is
 * the client itself (Cognito: `sub` = `client_id`, and no `username`, which every user's access
 * token has). Such a caller is a service principal, bounded by its scopes.
 */
function isClientCredentials(claims: Claims): boolean {
  return typeof claims?.client_id === 'string' && claims.client_id === claims.sub && claims.username === undefined && claims.email === undefined;
}

/**
 * The scopes of a service principal's token. `scope` is space-separated (RFC 8693/9068); API Gateway
 * may hand a list over as "[a b]". Cognito prefixes each with its resource server's identifier
 * (`org-invitations/members:read`), which names the API, not the permission: the part after the
 * last `/` is the scope.
 */
export function scopesOf(event: HttpEvent): string[] {
  const jwt = event.requestContext?.authorizer?.jwt;
  const raw = typeof jwt?.claims?.scope === 'string' ? jwt.claims.scope : (jwt?.scopes ?? []);
  const list = Array.isArray(raw) ? raw.map(String) : raw.replace(/^\[|\]$/g, '').split(/\s+/);
  return list.filter((s) => s.length > 0).map((s) => s.slice(s.lastIndexOf('/') + 1));
}

export function readJson(event: HttpEvent): unknown {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new TransportError(413, 'payload_too_large');
  const type = lowerCase(event.headers)['content-type'] ?? '';
  if (text.length === 0) return {};
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new TransportError(415, 'unsupported_media_type');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new TransportError(400, 'invalid_json');
  }
}

export function parse<T>(schema: Schema<T>, input: unknown, where: string): T {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.slice(0, 20).map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw new DomainError('validation', 'validation_failed', { detail: `The request ${where} is not valid.`, errors });
}

export function lowerCase(headers: Record<string, string | undefined> | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}
