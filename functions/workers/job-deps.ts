import { DynamoAccessReminderStore } from '../../shared/adapters/dynamodb/access-reminder-store.ts';
import { DynamoAccessScheduleRetryStore } from '../../shared/adapters/dynamodb/access-schedule-retry-store.ts';
import { DynamoInvitationStore } from '../../shared/adapters/dynamodb/invitation-store.ts';
import { DynamoMemberStore } from '../../shared/adapters/dynamodb/member-store.ts';
import { DynamoReputationStore } from '../../shared/adapters/dynamodb/reputation-store.ts';
import { DynamoSendLedger } from '../../shared/adapters/dynamodb/send-ledger.ts';
import { DynamoStalledDeletionStore } from '../../shared/adapters/dynamodb/stalled-deletion-store.ts';
import { randomIds } from '../../shared/adapters/system/ids.ts';
import { sendingGuardConfig } from '../../shared/config.ts';
import type { InvitationJobDeps } from '../../shared/domain/invitations/expire-invitations.ts';
import type { AccessJobDeps } from '../../shared/domain/members/access-jobs.ts';
import type { AccessScheduleRetryDeps } from '../../shared/domain/members/access-schedule-retries.ts';
import { perRuntime } from '../runtime.ts';

/**
 * The scheduled-job and mail-event workers touch invitations only: one store in their bundles. They
 * neither page nor sign, so they are deployed without the link secret.
 */
export const jobDeps = perRuntime(
  ({ table, clock }): InvitationJobDeps => ({
    clock,
    ids: randomIds,
    invitations: new DynamoInvitationStore(table),
  }),
);

/** The scheduled jobs of a member's end of access (reminder, removal) need the member store too. */
export const accessJobDeps = perRuntime(
  ({ table, clock }): AccessJobDeps => ({
    clock,
    ids: randomIds,
    members: new DynamoMemberStore(table),
    accessReminders: new DynamoAccessReminderStore(table),
  }),
);

/** The schedule retry job, for members' ends of access: the access jobs' stores and the retry markers (AP23). */
export const accessRetryDeps = perRuntime(
  ({ table }): AccessScheduleRetryDeps => ({ ...accessJobDeps(), accessScheduleRetries: new DynamoAccessScheduleRetryStore(table) }),
);

/** The mail-event worker also confirms send claims (SES's Send event) and runs the sender reputation guard. */
export const mailEventDeps = perRuntime((r) => ({
  ...jobDeps(),
  sends: new DynamoSendLedger(r.table),
  reputation: new DynamoReputationStore(r.table),
  sendingGuard: sendingGuardConfig(r.config),
}));

/** The sweep for deleted orgs whose cleanup stopped (resume-stalled-deletions.ts): the tombstones only. */
export const deletionSweepDeps = perRuntime(({ table, clock }) => ({ clock, deletions: new DynamoStalledDeletionStore(table) }));
