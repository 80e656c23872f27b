import { HmacPseudonyms } from '../../shared/adapters/crypto/pseudonyms.ts';
import { DynamoAuditStore } from '../../shared/adapters/dynamodb/audit-store.ts';
import { DynamoAutoJoinStore } from '../../shared/adapters/dynamodb/auto-join-store.ts';
import { Cursors } from '../../shared/adapters/dynamodb/cursors.ts';
import { DynamoErasureStore } from '../../shared/adapters/dynamodb/erasure-store.ts';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/idempotency-store.ts';
import { DynamoPrimaryContactStore } from '../../shared/adapters/dynamodb/primary-contact-store.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import type { Deps } from '../../shared/ports.ts';
import { invitationPorts } from '../invitation-ports.ts';
import { type BaseRuntime, perRuntime } from '../runtime.ts';

export interface Runtime extends BaseRuntime {
  deps: Deps;
}

/** The routes' composition root: every store, built once per cold start (or once per local stack). */
function routeDeps(base: BaseRuntime): Deps {
  const { config, table } = base;
  const cursors = new Cursors(config.LINK_SECRET);
  return {
    ...invitationPorts(base, cursors),
    teams: new DynamoTeamStore(table, cursors),
    audit: new DynamoAuditStore(table, cursors),
    autoJoin: new DynamoAutoJoinStore(table, cursors),
    idempotency: new DynamoIdempotencyStore(table),
    primaryContacts: new DynamoPrimaryContactStore(table),
    erasure: new DynamoErasureStore(table),
    pseudonyms: new HmacPseudonyms(config.LINK_SECRET),
    retention: table.retention,
  };
}

export const runtime: () => Runtime = perRuntime((base) => ({ ...base, deps: routeDeps(base) }));
