import { createHash } from 'node:crypto';
import type { CreateResult, Deps, InviteOutcome, NewInvitation } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { definedFields } from '../defined-fields.ts';
import { notFound } from '../errors.ts';
import { invitationQuotas, withinQuotas } from '../limits/send-limits.ts';
import { addKnownUsers, type DirectAddStatus } from '../members/direct-add.ts';
import type { Actor, Invitation, Member, Org, Role } from '../model.ts';
import { domainAllowed } from '../orgs/domains.ts';
import { limitsOf } from '../orgs/plans.ts';
import { holdDetail } from '../orgs/sending-guard.ts';
import { expireDueInOrg } from './expire-invitations.ts';
import { checkInviteRequest } from './invite-request.ts';
import type { InviteeInput, Recipient } from './recipients.ts';

export interface InviteCommand {
  orgId: string;
  actor: Actor;
  emails?: string | string[];
  invitees?: InviteeInput[];
  role: Role;
  teams: string[];
  message?: string;
  sendEmail: boolean;
  /** Every recipient's membership ends then, unless their `invitees` entry says otherwise. */
  accessUntil?: string;
  /** The language of every recipient's emails, unless their `invitees` entry says otherwise (checked: orgs/branding.ts checkLocale). */
  locale?: string;
  /** The time zone of every recipient's email dates, unless their `invitees` entry says otherwise (checked: notifications/time-zones.ts). */
  timeZone?: string;
  /** The request's Idempotency-Key: a retry with it completes what an interrupted attempt left undone. */
  idempotencyKey?: string;
}

export type RecipientStatus = Exclude<InviteOutcome, 'expired_claim' | 'org_deleted'> | 'invalid_email' | 'domain_not_allowed' | DirectAddStatus;

export interface RecipientResult {
  email: string;
  status: RecipientStatus;
  invitationId?: string;
  code?: string;
}

async function placesFreed(deps: Pick<Deps, 'orgs'>, orgId: string, now: string, limit: number | null): Promise<boolean> {
  return limit === null || (await deps.orgs.countPending(orgId, now)) < limit;
}

export async function inviteMembers(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'links' | 'members' | 'orgs' | 'plans' | 'quotas' | 'teams'>,
  cmd: InviteCommand,
) {
  const { org, caller, recipients } = await checkInviteRequest(deps, cmd);
  // Every email this request sends, an invitation or a direct add's "you were added", counts against
  // the org's and the inviter's daily quotas: reserved for every reachable recipient before anything is
  // written, and given back for those who got no email (already members, already invited, not written).
  // A request that does not fit is refused whole (429); invitations without an email (sendEmail
  // false) are not counted, and a direct add always emails.
  const reachable = recipients.filter((r) => r.valid && domainAllowed(org.settings.allowedDomains, r.email));
  const quotas = cmd.sendEmail ? invitationQuotas(limitsOf(deps.plans, org.plan), org, caller.userId) : [];
  return withinQuotas(deps, quotas, reachable.length, () => inviteReachable(deps, cmd, org, caller, recipients, reachable));
}

/** Direct adds, then invitations, for the recipients that may be reached; `used`: the emails it will send. */
async function inviteReachable(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'links' | 'members' | 'orgs' | 'plans' | 'quotas' | 'teams'>,
  cmd: InviteCommand,
  org: Org,
  caller: Member,
  recipients: Recipient[],
  reachable: Recipient[],
) {
  const direct = await addKnownUsers(deps, {
    org,
    caller,
    actor: cmd.actor,
    teams: cmd.teams,
    sendEmail: cmd.sendEmail,
    // a primary contact, product access or an end of access is carried by the invitation to the membership, so those are always invited
    recipients: reachable.filter((r) => !r.primaryContact && !r.products && !r.accessUntil),
  });
  let used = [...direct.values()].filter((d) => d.status === 'added').length;

  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const ttlEnd = new Date(now.getTime() + org.settings.invitationTtlDays * 86_400_000).toISOString();
  const results = new Map<string, RecipientResult>();
  const toWrite: NewInvitation[] = [];

  for (const r of recipients) {
    if (!r.valid) {
      results.set(r.email, { email: r.input, status: 'invalid_email', code: 'invalid_email' });
      continue;
    }
    if (!domainAllowed(org.settings.allowedDomains, r.email)) {
      results.set(r.email, { email: r.email, status: 'domain_not_allowed', code: 'domain_not_allowed' });
      continue;
    }
    const added = direct.get(r.email);
    if (added) {
      // never the person's user id: the admin learns they were added, nothing about their account
      results.set(r.email, { email: r.email, status: added.status, ...(added.status === 'added' ? {} : { code: added.status }) });
      continue;
    }
    const linkNonce = deps.ids.nonce();
    const invitationId = deps.ids.invitationId();
    // an invitation never outlives the access it grants: accepted after its end, it would admit nobody
    const expiresAt = r.accessUntil !== undefined && r.accessUntil < ttlEnd ? r.accessUntil : ttlEnd;
    const invitation: Invitation = {
      invitationId,
      orgId: org.orgId,
      email: r.email,
      role: r.role,
      teams: cmd.teams,
      ...definedFields({ firstName: r.firstName, lastName: r.lastName, message: cmd.message }),
      ...(r.products ? { products: r.products } : {}),
      ...(r.primaryContact ? { primaryContact: true } : {}),
      ...definedFields({ accessUntil: r.accessUntil, locale: r.locale, timeZone: r.timeZone }),
      status: 'pending',
      invitedBy: { userId: caller.userId, name: caller.name || cmd.actor.name || caller.email },
      createdAt: nowIso,
      expiresAt,
      lastSentAt: cmd.sendEmail ? nowIso : null,
      sendCount: cmd.sendEmail ? 1 : 0,
      sendEmail: cmd.sendEmail,
      linkNonce,
      tokenHash: deps.links.hash(deps.links.tokenFor({ orgId: org.orgId, invitationId, linkNonce })),
      resendWindowStart: null,
      resendsInWindow: 0,
      delivery: !cmd.sendEmail
        ? { status: 'not_sent' as const, at: nowIso }
        : // created while the org's sending is paused: it says so at once, and goes out when an operator resumes
          org.sending?.status === 'paused'
          ? { status: 'paused' as const, reason: 'sending_paused' as const, at: nowIso, detail: holdDetail.sending_paused }
          : { status: 'queued' as const, at: nowIso },
    };
    const event = auditEvent(
      deps,
      org.orgId,
      'invitation.sent',
      cmd.actor,
      { invitationId: invitation.invitationId, email: r.email },
      {
        role: r.role,
        teams: cmd.teams,
        sendEmail: cmd.sendEmail,
        expiresAt,
        ...(r.products ? { products: r.products } : {}),
        ...(r.primaryContact ? { primaryContact: true } : {}),
        ...(r.accessUntil !== undefined ? { accessUntil: r.accessUntil } : {}),
      },
      now,
    );
    toWrite.push({ invitation, event });
  }

  if (toWrite.length > 0) {
    const limit = limitsOf(deps.plans, org.plan).pendingInvitations;
    // Claims written by this request carry its key, so a retry with the same Idempotency-Key
    // recognises the recipients an interrupted attempt invited already (and answers their invitations).
    const request = {
      key:
        cmd.idempotencyKey !== undefined
          ? createHash('sha256').update(`${org.orgId}\n${caller.userId}\n${cmd.idempotencyKey}`).digest('base64url')
          : deps.ids.nonce(),
      resume: cmd.idempotencyKey !== undefined,
    };
    const outcomes = await deps.invitations.createMany(org, toWrite, nowIso, limit, request);
    // Invitations that expired a moment ago still hold their claim on the email and their place in the counter
    // until something closes them; close them now and try those recipients once more, so an
    // expired invitation never blocks a new one.
    const blocked = toWrite.filter(({ invitation }) => {
      const o = outcomes.get(invitation.invitationId)?.outcome;
      return o === 'expired_claim' || o === 'pending_limit_reached';
    });
    // A worker may have closed them between our write and this sweep (the sweep then closes none),
    // so the exact count decides whether places are free now. A bulk invite that crashed may have left
    // places reserved past its deadline: those are given back first.
    if (blocked.length > 0) {
      const freed = (await deps.invitations.releaseStaleReservations(org.orgId, nowIso)) + (await expireDueInOrg(deps, org.orgId));
      if (freed > 0 || (await placesFreed(deps, org.orgId, nowIso, limit))) {
        const again = await deps.invitations.createMany(org, blocked, nowIso, limit, request);
        for (const [id, r] of again) outcomes.set(id, r.outcome === 'expired_claim' ? { outcome: 'already_invited' } : r);
      }
    }
    // DELETE /orgs/{orgId} landed between this request's read and its write: the org is gone for it too
    if ([...outcomes.values()].some((r) => r.outcome === 'org_deleted')) throw notFound('org_not_found');
    let invitedNow = 0;
    for (const { invitation } of toWrite) {
      const r: CreateResult = outcomes.get(invitation.invitationId) ?? { outcome: 'service_busy' };
      // (org_deleted was answered above, for the whole request)
      const outcome = r.outcome === 'expired_claim' ? 'already_invited' : r.outcome === 'org_deleted' ? 'service_busy' : r.outcome;
      // one invited by an earlier attempt of this request (r.invitationId) was counted by that attempt
      if (outcome === 'invited' && r.invitationId === undefined) invitedNow++;
      results.set(invitation.email, {
        email: invitation.email,
        status: outcome,
        ...(outcome === 'invited' ? { invitationId: r.invitationId ?? invitation.invitationId } : { code: outcome }),
      });
    }
    used += invitedNow;
  }

  const ordered = recipients.map((r) => results.get(r.email) as RecipientResult);
  const allInvited = ordered.every((r) => r.status === 'invited' || r.status === 'added');
  // recipients left unwritten by a busy DynamoDB or the deadline: the same request again completes them
  const incomplete = ordered.some((r) => r.status === 'service_busy');
  return { result: { allInvited, incomplete, results: ordered }, used };
}
