import { SERVICE_BUSY_RETRY_AFTER_SECONDS } from '../../shared/domain/errors.ts';

/**
 * What the contract tells a client to do with `503 service_busy` (docs/api.md): wait `Retry-After`
 * and send the same request again. A loaded machine's DynamoDB Local makes many concurrent requests
 * outlast the local deadline; a test of a concurrency rule then checks the outcome clients end with.
 * `retried` says an earlier attempt was cut off: it may have written before it was (an accept's retry
 * then answers `already_member`), which the caller counts as the first attempt's success.
 */
export async function retryingBusy<R extends { status: number; body: unknown }>(send: () => Promise<R>, attempts = 10): Promise<{ res: R; retried: boolean }> {
  let res = await send();
  let retried = false;
  for (let i = 1; i < attempts && isBusy(res); i++) {
    retried = true;
    await new Promise((r) => setTimeout(r, SERVICE_BUSY_RETRY_AFTER_SECONDS * 1000));
    res = await send();
  }
  return { res, retried };
}

const isBusy = (res: { status: number; body: unknown }) => res.status === 503 && (res.body as { code?: string } | undefined)?.code === 'service_busy';
