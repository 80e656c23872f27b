/** A handler's answer; withHttp narrows it to the statuses and bodies its route declares (response-schemas.ts). */
export interface HttpResult {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = <T>(body: T) => ({ statusCode: 200 as const, body });
export const created = <T>(body: T) => ({ statusCode: 201 as const, body });
export const multiStatus = <T>(body: T) => ({ statusCode: 207 as const, body });
export const noContent = () => ({ statusCode: 204 as const });
