import * as z from 'zod/mini';
import { SERVICE_BUSY_RETRY_AFTER_SECONDS } from '../../../shared/domain/errors.ts';
import { checkRecipients } from '../../../shared/domain/invitations/check-recipients.ts';
import { inviteMembers } from '../../../shared/domain/invitations/invite-members.ts';
import { clock, idempotency, ids, invitations, links, members, orgs, plans, quotas, teams } from '../adapters.ts';
import { created, multiStatus, ok } from '../responses.ts';
import { accessUntil, id, OrgParams, productKey, role } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const locale = z.string().check(z.trim(), z.maxLength(35));
const name = z.string().check(z.trim(), z.maxLength(100));
// checked by the domain for its own code (time_zone_invalid)
const timeZone = z.string().check(z.trim(), z.maxLength(64));
const Body = z.strictObject({
  // 1000 addresses of up to 254 characters plus separators
  emails: z.exactOptional(z.union([z.string().check(z.maxLength(300_000)), z.array(z.string().check(z.maxLength(300))).check(z.maxLength(1000))])),
  role: z._default(role, 'member'),
  teams: z._default(z.array(id).check(z.maxLength(50)), []),
  message: z.exactOptional(z.string().check(z.maxLength(500))),
  sendEmail: z._default(z.boolean(), true),
  accessUntil: z.exactOptional(accessUntil),
  // checked by the domain for its own code (locale_unsupported)
  locale: z.exactOptional(locale),
  timeZone: z.exactOptional(timeZone),
  invitees: z.exactOptional(
    z
      .array(
        z.strictObject({
          email: z.string().check(z.maxLength(300)),
          role: z.exactOptional(role),
          firstName: z.exactOptional(name),
          lastName: z.exactOptional(name),
          primaryContact: z.exactOptional(z.boolean()),
          products: z.exactOptional(z.array(productKey).check(z.maxLength(50))),
          accessUntil: z.exactOptional(accessUntil),
          locale: z.exactOptional(locale),
          timeZone: z.exactOptional(timeZone),
        }),
      )
      .check(z.maxLength(1000)),
  ),
});

// `?dryRun=true`: the invite dialog checks a pasted list first; nothing is written or sent
const Query = z.strictObject({ dryRun: z.exactOptional(z.enum(['true', 'false'])) });

const ports = () => ({
  orgs: orgs(),
  members: members(),
  invitations: invitations(),
  teams: teams(),
  plans: plans(),
  quotas: quotas(),
  links: links(),
  clock: clock(),
  ids: ids(),
});

export const handler = withHttp(
  { route: 'InviteMembers', body: Body, query: Query, params: OrgParams, idempotency, deps: ports },
  async ({ body, query, params, actor, headers, deps }) => {
    if (query.dryRun === 'true') return ok(await checkRecipients(deps, { orgId: params.orgId, actor, ...body }));
    const key = headers['idempotency-key'];
    const { allInvited, incomplete, results } = await inviteMembers(deps, { orgId: params.orgId, actor, ...body, ...(key ? { idempotencyKey: key } : {}) });
    if (allInvited) return created({ results });
    // Retry-After marks an answer that is not final: it is not kept for replay, so the same request
    // (same Idempotency-Key) runs again and invites the rest (functions/http/idempotency.ts)
    return incomplete
      ? { ...multiStatus({ results, incomplete: true as const }), headers: { 'retry-after': String(SERVICE_BUSY_RETRY_AFTER_SECONDS) } }
      : multiStatus({ results });
  },
);
