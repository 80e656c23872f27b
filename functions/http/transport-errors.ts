import { type ErrorCode, errorCodes } from '../../shared/domain/errors.ts';

/**
 * The codes only the HTTP edge answers: a body's framing (with-http's parsing, the local server,
 * API Gateway), the route table, and a failure nothing expected. No use case throws them, so they
 * are not in the domain's catalogue (shared/domain/errors.ts).
 */
export const transportCodes = {
  invalid_json: 'The request body is not valid JSON.',
  unsupported_media_type: 'The request body must be application/json.',
  payload_too_large: 'The request body is too large.',
  route_not_found: 'No such route.',
  method_not_allowed: 'Method not allowed.',
  internal_error: 'Something went wrong on our side.',
  insufficient_scope: 'The token does not grant this route.',
} as const;

export type TransportCode = keyof typeof transportCodes;
/** Every code the API can answer. */
export type ApiCode = ErrorCode | TransportCode;

/** Every code the API can answer, with its title (problem+json's `title`). */
export const apiCodes: Record<ApiCode, string> = { ...errorCodes, ...transportCodes };

/** A request refused at the edge, before any use case ran (thrown by request.ts, answered by with-http.ts). */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly status: 400 | 403 | 413 | 415,
    readonly code: Extract<TransportCode, 'invalid_json' | 'payload_too_large' | 'unsupported_media_type' | 'insufficient_scope'>,
    readonly detail: string = transportCodes[code],
  ) {
    super(detail);
  }
}
