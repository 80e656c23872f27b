import type { Deps, Mailer } from '../../ports.ts';
import { auditEvent } from '../audit.ts';
import type { DeliveryStatus, Invitation, Org } from '../model.ts';
import { acceptUrl, invitationEmail } from '../notifications/invitation-email.ts';
import { effectiveStatus } from './invitation.ts';

export type DeliveryDeps = Pick<Deps, 'clock' | 'ids' | 'links' | 'orgs' | 'invitations' | 'acceptUrlBase'> & { mailer: Mailer };

/**
 * Attempts at one send before the invitation shows `delivery.status: failed`. The stream's event
 * source mapping must allow at least this many attempts (retryAttempts >= MAX_SEND_ATTEMPTS - 1);
 * it keeps retrying after that and then hands the record to its on-failure destination (the DLQ).
 */
export const MAX_SEND_ATTEMPTS = 3;

/** A retried stream record must not email twice: these mean this send already reached SES. */
const ALREADY_SENT: readonly DeliveryStatus[] = ['sent', 'bounced', 'complained'];

/**
 * Sends the invitation email for one send (the stream dispatcher calls this for each new
 * invitation and each resend). The link is rebuilt from the nonce of that send; if a newer resend
 * has replaced it, or the invitation is no longer pending, nothing is sent.
 */
export async function deliverInvitation(deps: DeliveryDeps, inv: Invitation, knownOrg?: Org | null): Promise<'sent' | 'skipped'> {
  const current = await deps.invitations.get(inv.orgId, inv.invitationId);
  if (!current || current.sendCount !== inv.sendCount || effectiveStatus(current, deps.clock.now()) !== 'pending') {
    return 'skipped';
  }
  if (current.delivery && ALREADY_SENT.includes(current.delivery.status)) return 'skipped';
  const org = knownOrg !== undefined ? knownOrg : (await deps.orgs.getWithMember(inv.orgId, '-')).org;
  const message = invitationMessage(deps, current, org?.name, 'invitation');
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send(message));
  } catch (error) {
    await recordFailedAttempt(deps, current, error);
    throw error;
  }
  await deps.invitations.recordDelivery(
    current,
    { status: 'sent', at: deps.clock.now().toISOString(), messageId },
    // a bounce reported before this write landed must not be hidden by it
    { onlyFrom: ['queued', 'failed'] },
  );
  return 'sent';
}

/**
 * The reminder: the same link as the last invitation email (rebuilt from the stored nonce), so
 * both emails keep working and no new token has to be stored or the first link revoked.
 */
export async function deliverReminder(deps: DeliveryDeps, inv: Invitation): Promise<'sent' | 'skipped'> {
  const current = await deps.invitations.get(inv.orgId, inv.invitationId);
  if (!current?.remindedAt || effectiveStatus(current, deps.clock.now()) !== 'pending') return 'skipped';
  const org = await deps.orgs.getWithMember(inv.orgId, '-');
  await deps.mailer.send(invitationMessage(deps, current, org.org?.name, 'reminder'));
  return 'sent';
}

function invitationMessage(deps: Pick<Deps, 'links' | 'acceptUrlBase'>, inv: Invitation, orgName: string | undefined, kind: 'invitation' | 'reminder') {
  return {
    ...invitationEmail({
      to: inv.email,
      orgName: orgName ?? 'your organization',
      inviterName: inv.invitedBy.name,
      role: inv.role,
      acceptUrl: acceptUrl(deps.acceptUrlBase, deps.links.tokenFor(inv)),
      expiresAt: inv.expiresAt,
      ...(inv.message ? { message: inv.message } : {}),
      kind,
    }),
    // bounce and complaint events name the invitation and the send they are about
    tags: { orgId: inv.orgId, invitationId: inv.invitationId, sendCount: String(inv.sendCount), kind },
  };
}

/**
 * Counts failed attempts on the invitation itself: in AWS the stream event does not say how often a
 * record was tried, and the on-failure destination only gets the record's coordinates, so the
 * count lives where the admin looks. The move to `failed` is audited once.
 */
async function recordFailedAttempt(deps: DeliveryDeps, inv: Invitation, error: unknown) {
  const attempts = (inv.delivery?.attempts ?? 0) + 1;
  const now = deps.clock.now();
  const detail = `attempt ${attempts}: ${describe(error)}`;
  const failed = attempts >= MAX_SEND_ATTEMPTS;
  const delivery = { status: failed ? ('failed' as const) : ('queued' as const), at: now.toISOString(), attempts, detail };
  const event = failed && inv.delivery?.status !== 'failed'
    ? auditEvent(deps, inv.orgId, 'invitation.delivery_failed', 'system',
      { invitationId: inv.invitationId, email: inv.email }, { sendCount: inv.sendCount, attempts, detail }, now)
    : undefined;
  // the move to failed is conditional on the status still being queued, so its event is written once
  await deps.invitations.recordDelivery(inv, delivery, event ? { onlyFrom: ['queued'], event } : { onlyFrom: ['queued', 'failed'] });
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`.replace(/\s+/g, ' ').slice(0, 300);
}
