import type { SendLedger } from '../../ports.ts';
import { dayOf, type GuardDeps, guardOrg } from '../orgs/sending-guard.ts';
import type { InvitationJobDeps } from './expire-invitations.ts';

/** What SES reported about one email we sent, already parsed from its event JSON. */
export interface MailEvent {
  /** accepted: SES's Send event, published once SES has taken the email (even if our call never heard back). */
  kind: 'accepted' | 'bounced' | 'complained' | 'delivered';
  messageId: string;
  /** Our EmailTags: orgId, invitationId and sendCount name the invitation and the send; sendId names the send claim (every email). */
  tags: Record<string, string | undefined>;
  detail: string;
  at: string;
  /** A bounce SES calls Permanent (a hard bounce): the address does not exist or refuses mail for good. */
  permanent?: boolean;
}

export type MailEventOutcome = 'recorded' | 'stale' | 'ignored' | 'paused';

/**
 * Marks the invitation a bounce or complaint is about. Only the send the event is about is
 * touched (its sendCount): a bounce of an old link must not mark a newer resend. A delivery event
 * only adds detail to a send already recorded as sent; it never hides a bounce.
 *
 * A hard bounce or a complaint also counts against the org's sender reputation and suppresses the
 * address in the org, in the same write as the status (so a repeated event counts once), and may
 * pause the org's sending (sending-guard.ts): 'paused' says this event did.
 */
export async function recordMailEvent(deps: InvitationJobDeps & { sends: SendLedger } & GuardDeps, e: MailEvent): Promise<MailEventOutcome> {
  const { orgId, invitationId, sendCount, sendId } = e.tags;
  if (e.kind === 'accepted') {
    // The sender marks its claim itself; this mark matters when it died between SES and its mark:
    // the send's next attempt then finds it sent instead of sending it again.
    if (!sendId) return 'ignored';
    await deps.sends.markSent(sendId, deps.clock.now(), e.messageId);
    return 'recorded';
  }
  if (!orgId || !invitationId || !sendCount || !/^\d+$/.test(sendCount)) return 'ignored';
  const at = Number.isNaN(Date.parse(e.at)) ? deps.clock.now().toISOString() : new Date(e.at).toISOString();
  const send = { orgId, invitationId, sendCount: Number(sendCount) };
  if (e.kind === 'delivered') {
    return deps.invitations.recordDelivery(send, { status: 'sent', at, detail: e.detail.slice(0, 300), messageId: e.messageId }, { onlyFrom: ['sent'] });
  }
  const delivery = { status: e.kind, at, detail: e.detail.slice(0, 300), messageId: e.messageId };
  const counts = e.kind === 'complained' || e.permanent === true;
  if (!counts) return deps.invitations.recordDelivery(send, delivery);
  const inv = await deps.invitations.get(orgId, invitationId);
  if (!inv) return 'stale';
  // counted on the day it is processed: an event's own timestamp may lie outside the window (a late or replayed event)
  const recorded = await deps.invitations.recordDelivery(send, delivery, {
    notAlready: true,
    tally: { field: e.kind === 'complained' ? 'complained' : 'bounced', day: dayOf(deps.clock.now()) },
    suppress: { email: inv.email, reason: e.kind === 'complained' ? 'address_complained' : 'address_bounced' },
  });
  if (recorded !== 'recorded') return recorded;
  return (await guardOrg(deps, orgId)) === 'paused' ? 'paused' : 'recorded';
}
