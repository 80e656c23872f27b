/**
 * Counter check and repair: recounts members, active admins and pending invitations of orgs from
 * their items and reports drift against the stored counters.
 *
 *   npm run recount -- <orgId>...          report drift for these orgs
 *   npm run recount -- --all               every org (a table Scan: run it off-peak)
 *   npm run recount -- <orgId> --repair    also write the counted values (conditional on no change meanwhile)
 *
 * Reads TABLE_NAME, AWS_REGION (and DYNAMODB_ENDPOINT for the local stack). Prints one JSON report per
 * org; exits 2 when drift remains unrepaired, so a scheduled run can alert.
 */
import { createDocumentClient } from '../shared/adapters/dynamodb/client.ts';
import { DynamoCounterStore } from '../shared/adapters/dynamodb/counter-store.ts';
import { systemClock } from '../shared/adapters/system/clock.ts';
import { loadMaintenanceConfig } from '../shared/config.ts';
import { type RecountReport, recountOrg } from '../shared/domain/orgs/recount.ts';
import { runAsCli } from './run-as-cli.ts';

export async function main(
  argv: string[],
  io: { out?: (line: string) => void; env?: Record<string, string | undefined> } = {},
): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(line));
  const repair = argv.includes('--repair');
  const all = argv.includes('--all');
  const ids = argv.filter((a) => !a.startsWith('--'));
  if (!all && ids.length === 0) {
    out('usage: recount (<orgId>... | --all) [--repair]\n');
    return 64;
  }
  const config = io.env ? loadMaintenanceConfig(io.env) : loadMaintenanceConfig();
  const doc = createDocumentClient({ region: config.AWS_REGION, ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}) });
  // retention only matters to stores that write items with a TTL; the counter store writes none
  const counters = new DynamoCounterStore({ doc, name: config.TABLE_NAME, retention: { invitationDays: 0, auditDays: 0 } });
  try {
    const reports: RecountReport[] = [];
    for (const orgId of all ? await counters.allOrgIds() : ids) {
      const report = await recountOrg({ clock: systemClock, counters }, orgId, { repair });
      out(`${JSON.stringify(report)}\n`);
      reports.push(report);
    }
    return reports.some((r) => r.drift.length > 0 && !r.repaired) ? 2 : 0;
  } finally {
    doc.destroy();
  }
}

runAsCli(import.meta.url, main);
