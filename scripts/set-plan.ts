import { DynamoOrgStore } from '../shared/adapters/dynamodb/org-store.ts';
import { systemClock } from '../shared/adapters/system/clock.ts';
import { randomIds } from '../shared/adapters/system/ids.ts';
import { planCatalogue } from '../shared/config.ts';
import { DomainError } from '../shared/domain/errors.ts';
import { changePlan } from '../shared/domain/orgs/change-plan.ts';
import { maintenanceTable, type OperatorIo, operatorArgs } from './operator.ts';
import { runAsCli } from './run-as-cli.ts';

export async function main(argv: string[], io: OperatorIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(line));
  const args = operatorArgs(argv);
  const [orgId, plan] = args?.positional ?? [];
  if (!args || !orgId || !plan) {
    out('usage: set-plan <orgId> <plan> [--by <operator>]\n');
    return 64;
  }
  const { config, table, close } = maintenanceTable(io.env);
  const orgs = new DynamoOrgStore(table);
  try {
    const result = await changePlan(
      { orgs, plans: planCatalogue(config), clock: io.clock ?? systemClock, ids: randomIds },
      { orgId, plan, operator: args.operator },
    );
    out(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    out(`${JSON.stringify({ orgId, error: error.code, detail: error.message })}\n`);
    return error.code === 'validation_failed' ? 64 : 1;
  } finally {
    close();
  }
}

runAsCli(import.meta.url, main);
