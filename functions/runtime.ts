import { createDocumentClient, type Table } from '../shared/adapters/dynamodb/client.ts';
import { systemClock } from '../shared/adapters/system/clock.ts';
import { type Config, loadConfig } from '../shared/config.ts';
import { createLogger, type Logger } from '../shared/logger.ts';
import type { Clock } from '../shared/ports.ts';
import { invocationFields } from './invocation.ts';

/**
 * What every function builds once per cold start: configuration, logger, the table client and the
 * clock. Stores are built on top by the code that uses them (`http/adapters.ts` for routes, the workers'
 * own modules), so a function's bundle holds only the stores it calls.
 */
export interface BaseRuntime {
  config: Config;
  logger: Logger;
  table: Table;
  clock: Clock;
}

export function buildBaseRuntime(config: Config, overrides: { clock?: Clock; logger?: Logger } = {}): BaseRuntime {
  const table: Table = {
    doc: createDocumentClient({ region: config.AWS_REGION, ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}) }),
    name: config.TABLE_NAME,
    retention: { invitationDays: config.INVITATION_RETENTION_DAYS, auditDays: config.AUDIT_RETENTION_DAYS },
  };
  return { config, logger: overrides.logger ?? createLogger(config.LOG_LEVEL, {}, undefined, invocationFields), table, clock: overrides.clock ?? systemClock };
}

let current: BaseRuntime | undefined;

/** In Lambda: built from the environment on first use. The local stack installs its own first. */
export function baseRuntime(): BaseRuntime {
  current ??= buildBaseRuntime(loadConfig());
  return current;
}

export function installBaseRuntime(r: BaseRuntime): void {
  current = r;
}

/** A value built once from the installed runtime, and again if another one is installed (a new local stack). */
export function perRuntime<T>(build: (r: BaseRuntime) => T): () => T {
  const built = new WeakMap<BaseRuntime, T>();
  return () => {
    const r = baseRuntime();
    let value = built.get(r);
    if (value === undefined) {
      value = build(r);
      built.set(r, value);
    }
    return value;
  };
}
