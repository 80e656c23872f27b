/**
 * Counter check and repair: recounts members, active admins and pending invitations of orgs from
 * their items and reports drift against the stored counters.
 *
 *   npm run recount -- <orgId>...          report drift for these orgs
 *   npm run recount -- --all               every org (a table Scan: run it off-peak)
 *   npm run recount -- <orgId> --repair    also write the counted values (conditional on no change meanwhile)
 *
 * Reads TABLE_NAME (and DYNAMODB_ENDPOINT for the local stack) like the functions do. Prints one
 * JSON report per org; exits 2 when drift remains unrepaired, so a scheduled run can alert.
 */

import { buildRuntime } from '../functions/http/deps.ts';
import { DynamoCounterStore } from '../shared/adapters/dynamodb/counter-store.ts';
import { systemClock } from '../shared/adapters/system/clock.ts';
import { loadConfig } from '../shared/config.ts';
import { type RecountReport, recountOrg } from '../shared/domain/orgs/recount.ts';

export async function recount(counters: DynamoCounterStore, orgIds: string[], repair: boolean): Promise<RecountReport[]> {
  const reports: RecountReport[] = [];
  for (const orgId of orgIds) reports.push(await recountOrg({ clock: systemClock, counters }, orgId, { repair }));
  return reports;
}

async function main(argv: string[]) {
  const repair = argv.includes('--repair');
  const all = argv.includes('--all');
  const ids = argv.filter((a) => !a.startsWith('--'));
  if (!all && ids.length === 0) {
    process.stderr.write('usage: recount (<orgId>... | --all) [--repair]\n');
    return 64;
  }
  const runtime = buildRuntime(loadConfig());
  const counters = new DynamoCounterStore(runtime.table);
  const reports = await recount(counters, all ? await counters.allOrgIds() : ids, repair);
  for (const r of reports) process.stdout.write(`${JSON.stringify(r)}\n`);
  runtime.table.doc.destroy();
  return reports.some((r) => r.drift.length > 0 && !r.repaired) ? 2 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
}
