import type { AuditEvent, DeletedOrg, Member, Org, OrgSettings } from '../domain/model.ts';
import type { KnownUser } from './members.ts';

export interface OrgStore {
  /** `knownUser`: the creator's verified email, remembered for directAddExistingUsers (AP11). */
  create(org: Org, creator: Member, event: AuditEvent, knownUser?: KnownUser): Promise<void>;
  /** The org alone (null: none). */
  get(orgId: string): Promise<Org | null>;
  /** The org and the caller's membership in one round trip (BatchGetItem). */
  getWithMember(orgId: string, userId: string): Promise<{ org: Org | null; member: Member | null }>;
  updateSettings(
    orgId: string,
    change: {
      name?: string;
      settings: OrgSettings;
      expectedVersion: number;
      /** AUTOJOIN#domain index items to write and delete in the same transaction (see AutoJoinStore). */
      autoJoinIndex?: { add: string[]; remove: string[] };
    },
    event: AuditEvent,
  ): Promise<Org>;
  /**
   * DELETE /orgs/{orgId}: turns the org item into a tombstone in one transaction with the audit event,
   * if the org still exists under the confirmed name and the caller is still one of its active admins
   * when the write lands. From then on no read finds the org and every guarded write to it fails.
   */
  markDeleted(w: { orgId: string; confirmName: string; adminUserId: string; now: string; event: AuditEvent }): Promise<'deleted' | 'refused'>;
  /** A deleted org's tombstone (null: the org exists or never did): invitation links answer from it. */
  getDeleted(orgId: string): Promise<DeletedOrg | null>;
  /** At `now`: claims of pending invitations that have not yet expired (an index read: eventually consistent). */
  countPending(orgId: string, now: string): Promise<number>;
  /** Operator only (scripts/set-plan.ts): the org's plan, if the org exists and its plan is still `from`. */
  setPlan(orgId: string, change: { from: string; to: string }, event: AuditEvent): Promise<'done' | 'not_found' | 'stale'>;
}
