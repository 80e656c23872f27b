import { userInfo } from 'node:os';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.ts';
import { loadMaintenanceConfig, type MaintenanceConfig } from '../shared/config.ts';
import type { Clock } from '../shared/ports.ts';

/** What an operator script's `main` takes besides its arguments: tests pass their own output, table and clock. */
export interface OperatorIo {
  out?: (line: string) => void;
  env?: Record<string, string | undefined>;
  clock?: Clock;
}

/**
 * An operator script's arguments: the positional ones, and who acts for the audit trail (`--by
 * <operator>`, else `operator:<login name>`). Null when `--by` lacks its value.
 */
export function operatorArgs(argv: string[]): { positional: string[]; operator: string } | null {
  const byAt = argv.indexOf('--by');
  const by = byAt >= 0 ? argv[byAt + 1] : undefined;
  if (byAt >= 0 && (!by || by.startsWith('--'))) return null;
  const positional = argv.filter((a, i) => !a.startsWith('--') && (byAt < 0 || i !== byAt + 1));
  return { positional, operator: by ?? `operator:${userInfo().username}` };
}

/**
 * The table as the deployed functions see it, from the maintenance configuration (TABLE_NAME and,
 * locally, DYNAMODB_ENDPOINT). `close` ends the client's sockets so the script can exit.
 */
export function maintenanceTable(env?: Record<string, string | undefined>) {
  const config: MaintenanceConfig = env ? loadMaintenanceConfig(env) : loadMaintenanceConfig();
  const doc = createDocumentClient({ region: config.AWS_REGION, ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}) });
  const table = { doc, name: config.TABLE_NAME, retention: { invitationDays: 0, auditDays: config.AUDIT_RETENTION_DAYS } };
  return { config, table, close: () => doc.destroy() };
}
