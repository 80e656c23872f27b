import { HmacLinkTokens } from '../shared/adapters/crypto/link-tokens.ts';
import type { Cursors } from '../shared/adapters/dynamodb/cursors.ts';
import { DynamoInvitationStore } from '../shared/adapters/dynamodb/invitation-store.ts';
import { DynamoMemberStore } from '../shared/adapters/dynamodb/member-store.ts';
import { DynamoOrgStore } from '../shared/adapters/dynamodb/org-store.ts';
import { randomIds } from '../shared/adapters/system/ids.ts';
import { linkSecret } from '../shared/config.ts';
import type { Deps } from '../shared/ports.ts';
import type { BaseRuntime } from './runtime.ts';

/** The stream dispatcher's ports: invitations, their orgs and members, links (routes compose theirs in http/adapters.ts). */
export function invitationPorts(
  { config, table, clock }: BaseRuntime, cursors: Cursors,
): Pick<Deps, 'clock' | 'ids' | 'links' | 'orgs' | 'invitations' | 'members' | 'acceptUrlBase'> {
  return {
    clock,
    ids: randomIds,
    links: new HmacLinkTokens(linkSecret(config)),
    orgs: new DynamoOrgStore(table),
    invitations: new DynamoInvitationStore(table, cursors),
    members: new DynamoMemberStore(table, cursors),
    acceptUrlBase: config.ACCEPT_URL_BASE,
  };
}
