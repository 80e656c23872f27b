/**
 * The operator's resume of an org whose sending the sender reputation guard paused (its bounce or
 * complaint rate passed the deployment's threshold; the SendingPaused alarm, docs/deploy.md). Run it
 * once the cause is understood (a bad list imported, a typo'd domain): the org sends again, judged
 * afresh from now on, and the invitations the pause held are queued again, so the dispatcher sends
 * them. Addresses that hard-bounced or complained stay suppressed: an admin's confirmed resend lifts those.
 *
 *   npm run resume-sending -- <orgId> [--by <operator name>]
 *
 * Reads TABLE_NAME, AWS_REGION and DYNAMODB_ENDPOINT for the local stack; needs dynamodb:GetItem,
 * Query, UpdateItem and TransactWriteItems on the table. Prints one JSON line; the org's audit trail
 * gets an `org.sending_resumed` event by the system, naming the operator.
 */
import { userInfo } from 'node:os';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.ts';
import { DynamoReputationStore } from '../shared/adapters/dynamodb/reputation-store.ts';
import { systemClock } from '../shared/adapters/system/clock.ts';
import { randomIds } from '../shared/adapters/system/ids.ts';
import { loadMaintenanceConfig } from '../shared/config.ts';
import { DomainError } from '../shared/domain/errors.ts';
import { resumeSending } from '../shared/domain/orgs/sending-guard.ts';
import type { Clock } from '../shared/ports.ts';
import { runAsCli } from './run-as-cli.ts';

export async function main(
  argv: string[],
  io: { out?: (line: string) => void; env?: Record<string, string | undefined>; clock?: Clock } = {},
): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(line));
  const byAt = argv.indexOf('--by');
  const by = byAt >= 0 ? argv[byAt + 1] : undefined;
  const [orgId, ...extra] = argv.filter((a, i) => !a.startsWith('--') && (byAt < 0 || i !== byAt + 1));
  if (!orgId || extra.length > 0 || (byAt >= 0 && !by)) {
    out('usage: resume-sending <orgId> [--by <operator>]\n');
    return 64;
  }
  const config = io.env ? loadMaintenanceConfig(io.env) : loadMaintenanceConfig();
  const doc = createDocumentClient({ region: config.AWS_REGION, ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}) });
  const table = { doc, name: config.TABLE_NAME, retention: { invitationDays: 0, auditDays: config.AUDIT_RETENTION_DAYS } };
  try {
    const result = await resumeSending(
      { reputation: new DynamoReputationStore(table), clock: io.clock ?? systemClock, ids: randomIds },
      { orgId, operator: by ?? `operator:${userInfo().username}` },
    );
    out(`${JSON.stringify(result)}\n`);
    return result.resumed ? 0 : 2;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    out(`${JSON.stringify({ orgId, error: error.code, detail: error.message })}\n`);
    return 1;
  } finally {
    doc.destroy();
  }
}

runAsCli(import.meta.url, main);
