export interface StoredResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

export type IdempotencyRecord = { state: 'in_progress'; fingerprint: string } | { state: 'completed'; fingerprint: string; response: StoredResponse };

export interface IdempotencyStore {
  /**
   * Claims the key with a conditional Put: it succeeds (null) when the key is new, its record has
   * expired, or an in-progress claim of the same request was abandoned (lock passed). Otherwise it
   * answers the record that holds the key.
   */
  claim(c: { callerId: string; key: string; fingerprint: string; now: string; lockedUntil: string; expiresAt: string }): Promise<IdempotencyRecord | null>;
  complete(callerId: string, key: string, response: StoredResponse): Promise<void>;
  release(callerId: string, key: string): Promise<void>;
}
