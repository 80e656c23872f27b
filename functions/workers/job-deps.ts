import { Cursors } from '../../shared/adapters/dynamodb/cursors.ts';
import { DynamoInvitationStore } from '../../shared/adapters/dynamodb/invitation-store.ts';
import { randomIds } from '../../shared/adapters/system/ids.ts';
import { linkSecret } from '../../shared/config.ts';
import type { InvitationJobDeps } from '../../shared/domain/invitations/expire-invitations.ts';
import { perRuntime } from '../runtime.ts';

/** The scheduled-job and mail-event workers touch invitations only: one store in their bundles. */
export const jobDeps = perRuntime(({ config, table, clock }): InvitationJobDeps => ({
  clock,
  ids: randomIds,
  invitations: new DynamoInvitationStore(table, new Cursors(linkSecret(config))),
}));
