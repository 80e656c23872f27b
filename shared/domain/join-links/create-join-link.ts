import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { invalid, notFound } from '../errors.ts';
import { withinQuotas } from '../limits/send-limits.ts';
import type { Actor } from '../model.ts';
import { normalizeDomains } from '../orgs/domains.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { DEFAULT_JOIN_LINK_DAYS, type JoinLink, type JoinLinkRole, joinLinkView, MAX_JOIN_LINK_DAYS } from './join-link.ts';

/** Links an org may create in a UTC day: a leaked admin token cannot mint links by the thousand. */
export const JOIN_LINKS_PER_ORG_PER_DAY = 100;

const DAY_MS = 86_400_000;

export interface CreateJoinLinkCommand {
  orgId: string;
  actor: Actor;
  role: JoinLinkRole;
  maxUses?: number;
  expiresAt?: string;
  allowedDomains?: string[];
  requireApproval?: boolean;
}

/**
 * An admin's shareable link. The answer carries the token (in `url`) this once: the table keeps only
 * its hash, so a lost link is revoked and replaced, never shown again.
 */
export async function createJoinLink(
  deps: Pick<Deps, 'clock' | 'ids' | 'orgs' | 'joinLinks' | 'joinLinkTokens' | 'quotas' | 'urls'>,
  cmd: CreateJoinLinkCommand,
) {
  const { org, caller } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'invitations.manage');
  const now = deps.clock.now();
  const expiresAt = expiryOf(cmd.expiresAt, now);
  const allowedDomains = normalizeDomains(cmd.allowedDomains ?? []);
  // a link limited to a domain the org does not admit would admit nobody: say so now, not at each accept
  const outside = org.settings.allowedDomains.length === 0 ? [] : allowedDomains.filter((d) => !org.settings.allowedDomains.includes(d));
  if (outside.length > 0) {
    throw invalid(
      "The link may only narrow the organization's allowed domains.",
      outside.map((d) => ({
        path: `allowedDomains.${allowedDomains.indexOf(d)}`,
        message: `"${d}" is not one of the organization's allowed domains`,
      })),
    );
  }
  const linkId = deps.ids.joinLinkId();
  const { token, hash } = deps.joinLinkTokens.issue(org.orgId, linkId);
  const link: JoinLink = {
    linkId,
    orgId: org.orgId,
    role: cmd.role,
    ...(cmd.maxUses !== undefined ? { maxUses: cmd.maxUses } : {}),
    uses: 0,
    expiresAt,
    allowedDomains,
    requireApproval: cmd.requireApproval ?? false,
    tokenHash: hash,
    createdBy: { userId: caller.userId, name: caller.name },
    createdAt: now.toISOString(),
  };
  const event = auditEvent(
    deps,
    org.orgId,
    'join_link.created',
    cmd.actor,
    { linkId },
    {
      role: link.role,
      maxUses: link.maxUses ?? null,
      expiresAt,
      allowedDomains,
      requireApproval: link.requireApproval,
    },
    now,
  );
  const quota = [{ counter: { name: 'org_join_links' as const, owner: org.orgId }, limit: JOIN_LINKS_PER_ORG_PER_DAY }];
  return withinQuotas(deps, quota, 1, async () => {
    const outcome = await deps.joinLinks.create(link, event);
    // the org was deleted, or the caller stopped being an admin, since the read: as if read after
    if (outcome !== 'created') throw notFound('org_not_found');
    return { result: { joinLink: joinLinkView(link, now), url: deps.urls.join(token) }, used: 1 };
  });
}

function expiryOf(requested: string | undefined, now: Date): string {
  if (requested === undefined) return new Date(now.getTime() + DEFAULT_JOIN_LINK_DAYS * DAY_MS).toISOString();
  const at = Date.parse(requested);
  if (Number.isNaN(at) || at <= now.getTime()) throw invalid('expiresAt must be in the future.', [{ path: 'expiresAt', message: 'not in the future' }]);
  if (at > now.getTime() + MAX_JOIN_LINK_DAYS * DAY_MS) {
    throw invalid(`A join link lives at most ${MAX_JOIN_LINK_DAYS} days.`, [{ path: 'expiresAt', message: `more than ${MAX_JOIN_LINK_DAYS} days ahead` }]);
  }
  return new Date(at).toISOString();
}
