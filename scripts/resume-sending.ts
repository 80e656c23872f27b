import { DynamoReputationStore } from '../shared/adapters/dynamodb/reputation-store.ts';
import { systemClock } from '../shared/adapters/system/clock.ts';
import { randomIds } from '../shared/adapters/system/ids.ts';
import { DomainError } from '../shared/domain/errors.ts';
import { resumeSending } from '../shared/domain/orgs/sending-guard.ts';
import { maintenanceTable, type OperatorIo, operatorArgs } from './operator.ts';
import { runAsCli } from './run-as-cli.ts';

export async function main(argv: string[], io: OperatorIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(line));
  const args = operatorArgs(argv);
  const [orgId, ...extra] = args?.positional ?? [];
  if (!args || !orgId || extra.length > 0) {
    out('usage: resume-sending <orgId> [--by <operator>]\n');
    return 64;
  }
  const { table, close } = maintenanceTable(io.env);
  try {
    const result = await resumeSending(
      { reputation: new DynamoReputationStore(table), clock: io.clock ?? systemClock, ids: randomIds },
      { orgId, operator: args.operator },
    );
    out(`${JSON.stringify(result)}\n`);
    return result.resumed ? 0 : 2;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    out(`${JSON.stringify({ orgId, error: error.code, detail: error.message })}\n`);
    return 1;
  } finally {
    close();
  }
}

runAsCli(import.meta.url, main);
