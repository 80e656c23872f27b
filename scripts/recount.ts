import { DynamoCounterStore } from '../shared/adapters/dynamodb/counter-store.ts';
import { systemClock } from '../shared/adapters/system/clock.ts';
import { type RecountReport, recountOrg } from '../shared/domain/orgs/recount.ts';
import { maintenanceTable } from './operator.ts';
import { runAsCli } from './run-as-cli.ts';

export async function main(argv: string[], io: { out?: (line: string) => void; env?: Record<string, string | undefined> } = {}): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(line));
  const repair = argv.includes('--repair');
  const all = argv.includes('--all');
  const ids = argv.filter((a) => !a.startsWith('--'));
  if (!all && ids.length === 0) {
    out('usage: recount (<orgId>... | --all) [--repair]\n');
    return 64;
  }
  const { table, close } = maintenanceTable(io.env);
  const counters = new DynamoCounterStore(table);
  try {
    const reports: RecountReport[] = [];
    for (const orgId of all ? await counters.allOrgIds() : ids) {
      const report = await recountOrg({ clock: systemClock, counters }, orgId, { repair });
      out(`${JSON.stringify(report)}\n`);
      reports.push(report);
    }
    return reports.some((r) => r.drift.length > 0 && !r.repaired) ? 2 : 0;
  } finally {
    close();
  }
}

runAsCli(import.meta.url, main);
