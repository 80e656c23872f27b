export interface HttpResult {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): HttpResult => ({ statusCode: 200, body });
export const created = (body: unknown): HttpResult => ({ statusCode: 201, body });
export const multiStatus = (body: unknown): HttpResult => ({ statusCode: 207, body });
export const noContent = (): HttpResult => ({ statusCode: 204 });
