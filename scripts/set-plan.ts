/**
 * The operator's way to change an org's plan (and with it its limits). Plans are configuration and
 * a customer cannot choose one through the API; this runs with the operator's AWS credentials, which
 * need dynamodb:GetItem and dynamodb:UpdateItem/PutItem (TransactWriteItems) on the table.
 *
 *   npm run set-plan -- <orgId> <plan> [--by <operator name>]
 *
 * Reads TABLE_NAME, AWS_REGION, PLANS (the catalogue the stack is deployed with, as JSON; unset = the
 * built-in default) and DYNAMODB_ENDPOINT for the local stack. Prints one JSON line; the org's audit
 * trail gets an `org.plan_changed` event by the system, naming the operator.
 */
import { userInfo } from 'node:os';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.ts';
import { DynamoOrgStore } from '../shared/adapters/dynamodb/org-store.ts';
import { systemClock } from '../shared/adapters/system/clock.ts';
import { randomIds } from '../shared/adapters/system/ids.ts';
import { loadMaintenanceConfig, planCatalogue } from '../shared/config.ts';
import { DomainError } from '../shared/domain/errors.ts';
import { changePlan } from '../shared/domain/orgs/change-plan.ts';
import type { Clock } from '../shared/ports.ts';
import { runAsCli } from './run-as-cli.ts';

export async function main(
  argv: string[],
  io: { out?: (line: string) => void; env?: Record<string, string | undefined>; clock?: Clock } = {},
): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(line));
  const byAt = argv.indexOf('--by');
  const by = byAt >= 0 ? argv[byAt + 1] : undefined;
  const [orgId, plan] = argv.filter((a, i) => !a.startsWith('--') && (byAt < 0 || i !== byAt + 1));
  if (!orgId || !plan || (byAt >= 0 && !by)) {
    out('usage: set-plan <orgId> <plan> [--by <operator>]\n');
    return 64;
  }
  const config = io.env ? loadMaintenanceConfig(io.env) : loadMaintenanceConfig();
  const doc = createDocumentClient({ region: config.AWS_REGION, ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}) });
  const orgs = new DynamoOrgStore({ doc, name: config.TABLE_NAME, retention: { invitationDays: 0, auditDays: config.AUDIT_RETENTION_DAYS } });
  try {
    const result = await changePlan(
      { orgs, plans: planCatalogue(config), clock: io.clock ?? systemClock, ids: randomIds },
      { orgId, plan, operator: by ?? `operator:${userInfo().username}` },
    );
    out(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    out(`${JSON.stringify({ orgId, error: error.code, detail: error.message })}\n`);
    return error.code === 'validation_failed' ? 64 : 1;
  } finally {
    doc.destroy();
  }
}

runAsCli(import.meta.url, main);
