import type { AuditEvent, Org, OrgSending, Tally } from '../domain/model.ts';

/** The sender reputation guard's items (shared/domain/orgs/sending-guard.ts). */
export interface ReputationStore {
  /** The org and the daily tallies of the days from..to (ISO dates), by day. */
  read(orgId: string, days: { from: string; to: string }): Promise<{ org: Org | null; days: Record<string, Tally> }>;
  /** Pauses the org's sending unless it is paused already, with its audit event. */
  pause(orgId: string, sending: OrgSending, event: AuditEvent): Promise<'paused' | 'already'>;
  /** Resumes the pause that began at `pausedSince` (not a later one), with its audit event. */
  resume(orgId: string, pausedSince: string, sending: OrgSending, event: AuditEvent): Promise<'resumed' | 'not_paused'>;
  /** Queues again the org's pending invitations held because its sending was paused; how many. */
  requeueHeld(orgId: string, now: string): Promise<number>;
  /** Why the org does not email this address (it hard-bounced or complained), or null. */
  suppression(orgId: string, email: string): Promise<{ reason: 'address_bounced' | 'address_complained'; at: string } | null>;
}
