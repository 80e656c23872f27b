import { HmacLinkTokens } from '../../shared/adapters/crypto/link-tokens.ts';
import { HmacPseudonyms } from '../../shared/adapters/crypto/pseudonyms.ts';
import { DynamoAuditStore } from '../../shared/adapters/dynamodb/audit-store.ts';
import { DynamoAutoJoinStore } from '../../shared/adapters/dynamodb/auto-join-store.ts';
import { createDocumentClient, type Table } from '../../shared/adapters/dynamodb/client.ts';
import { Cursors } from '../../shared/adapters/dynamodb/cursors.ts';
import { DynamoErasureStore } from '../../shared/adapters/dynamodb/erasure-store.ts';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/idempotency-store.ts';
import { DynamoInvitationStore } from '../../shared/adapters/dynamodb/invitation-store.ts';
import { DynamoMemberStore } from '../../shared/adapters/dynamodb/member-store.ts';
import { DynamoOrgStore } from '../../shared/adapters/dynamodb/org-store.ts';
import { DynamoPrimaryContactStore } from '../../shared/adapters/dynamodb/primary-contact-store.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import { systemClock } from '../../shared/adapters/system/clock.ts';
import { randomIds } from '../../shared/adapters/system/ids.ts';
import { type Config, loadConfig } from '../../shared/config.ts';
import { createLogger, type Logger } from '../../shared/logger.ts';
import type { Clock, Deps } from '../../shared/ports.ts';

export interface Runtime {
  deps: Deps;
  config: Config;
  logger: Logger;
  table: Table;
}

/** The composition root: real adapters, built once per cold start (or once per local stack). */
export function buildRuntime(config: Config, overrides: { clock?: Clock; logger?: Logger } = {}): Runtime {
  const table: Table = {
    doc: createDocumentClient({ region: config.AWS_REGION, ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}) }),
    name: config.TABLE_NAME,
    retention: { invitationDays: config.INVITATION_RETENTION_DAYS, auditDays: config.AUDIT_RETENTION_DAYS },
  };
  const cursors = new Cursors(config.LINK_SECRET);
  const deps: Deps = {
    clock: overrides.clock ?? systemClock,
    ids: randomIds,
    links: new HmacLinkTokens(config.LINK_SECRET),
    orgs: new DynamoOrgStore(table),
    invitations: new DynamoInvitationStore(table, cursors),
    members: new DynamoMemberStore(table, cursors),
    teams: new DynamoTeamStore(table, cursors),
    audit: new DynamoAuditStore(table, cursors),
    autoJoin: new DynamoAutoJoinStore(table, cursors),
    idempotency: new DynamoIdempotencyStore(table),
    primaryContacts: new DynamoPrimaryContactStore(table),
    erasure: new DynamoErasureStore(table),
    pseudonyms: new HmacPseudonyms(config.LINK_SECRET),
    acceptUrlBase: config.ACCEPT_URL_BASE,
    retention: table.retention,
  };
  return { deps, config, logger: overrides.logger ?? createLogger(config.LOG_LEVEL), table };
}

let current: Runtime | undefined;

/** In Lambda: built from the environment on first use. The local stack installs its own first. */
export function runtime(): Runtime {
  current ??= buildRuntime(loadConfig());
  return current;
}

export function installRuntime(r: Runtime): void {
  current = r;
}
