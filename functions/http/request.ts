import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as z from 'zod/mini';
import { serviceActorId } from '../../shared/domain/access.ts';
import { normalizeEmail } from '../../shared/domain/emails.ts';
import { DomainError, type FieldError } from '../../shared/domain/errors.ts';
import type { Actor } from '../../shared/domain/model.ts';
import { timeZoneOf } from '../../shared/domain/notifications/time-zones.ts';
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
  const clientId = clientCredentialsClient(claims);
  if (clientId) return { userId: serviceActorId(clientId), email: '', emailVerified: false, service: { clientId } };
  const email = typeof claims?.email === 'string' ? normalizeEmail(claims.email) : '';
  const verified = claims?.email_verified === true || claims?.email_verified === 'true';
  const name = typeof claims?.name === 'string' ? claims.name : undefined;
  // OIDC's standard claim; an invalid one is ignored (dates then fall back to UTC), the call is not refused for it
  const timeZone = timeZoneOf(claims?.zoneinfo);
  return { userId: sub, email, emailVerified: verified && email.length > 0, ...(name ? { name } : {}), ...(timeZone ? { timeZone } : {}) };
}

type Claims = Record<string, string | number | boolean | string[]> | undefined;

/**
 * The client id of a token of the OAuth client-credentials grant, or null for a person's token. Such a
 * token is issued to a client, not a user, so its subject names the client, which no user's subject
 * can; that, not a `scope` or `gty` claim (a user's access token has scopes too, and a `gty` alone is
 * any claim), is what tells a service apart:
 * - Cognito: `sub` = `client_id`, and no `username` (every user's access token has one).
 * - Auth0: `gty` = `client-credentials` and `sub` = `<azp>@clients` (a user's is `<connection>|<id>`).
 * A token carrying an email or a username is a person's whatever else it says. docs/adr/service-principals.md
 */
function clientCredentialsClient(claims: Claims): string | null {
  if (!claims || claims.email !== undefined || claims.username !== undefined) return null;
  const { sub, client_id: cognitoClient, azp, gty } = claims;
  if (typeof cognitoClient === 'string' && cognitoClient.length > 0 && cognitoClient === sub) return cognitoClient;
  if (gty === 'client-credentials' && typeof azp === 'string' && azp.length > 0 && sub === `${azp}@clients`) return azp;
  return null;
}

/**
 * The scopes of a service principal's token: its `scope` claim (space-separated, RFC 9068) and
 * Auth0's `permissions` list (RBAC's "add permissions in the access token"), together. Cognito prefixes
 * each with its resource server's identifier (`org-invitations/members:read`), which names the API, not
 * the permission: the part after the last `/` is the scope.
 */
export function scopesOf(event: HttpEvent): string[] {
  const jwt = event.requestContext?.authorizer?.jwt;
  const scope = jwt?.claims?.scope ?? jwt?.scopes ?? [];
  const all = [...listClaim(scope), ...listClaim(jwt?.claims?.permissions)];
  return [...new Set(all.map((s) => s.slice(s.lastIndexOf('/') + 1)))];
}

/**
 * A claim that holds a list, in each form it arrives in: a JSON array (the local server), API Gateway's
 * rendering of one as "[a b]", a JSON array in a string, or a space-separated string.
 */
function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter((s) => s.length > 0);
  if (typeof value !== 'string') return [];
  if (value.startsWith('["')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.map(String).filter((s) => s.length > 0);
    } catch {
      // not JSON after all: read it as API Gateway's form below
    }
  }
  return value
    .replace(/^\[|\]$/g, '')
    .split(/\s+/)
    .filter((s) => s.length > 0);
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
