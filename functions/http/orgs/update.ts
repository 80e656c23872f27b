import * as z from 'zod/mini';
import { updateOrg } from '../../../shared/domain/orgs/update-org.ts';
import { clock, ids, members, orgs, plans } from '../adapters.ts';
import { ok } from '../responses.ts';
import { OrgParams, productKey } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Body = z.strictObject({
  name: z.exactOptional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  allowedDomains: z.exactOptional(z.array(z.string().check(z.maxLength(253))).check(z.maxLength(100))),
  autoJoin: z.exactOptional(z.strictObject({ enabled: z.boolean(), role: z.enum(['member', 'viewer']) })),
  invitationTtlDays: z.exactOptional(z.int().check(z.gte(1), z.lte(30))),
  reminderHoursBeforeExpiry: z.exactOptional(z.int().check(z.gte(0), z.lte(720))),
  accessReminderHoursBeforeEnd: z.exactOptional(z.int().check(z.gte(0), z.lte(720))),
  notifyInviterOnAccept: z.exactOptional(z.boolean()),
  directAddExistingUsers: z.exactOptional(z.boolean()),
  // replaces the whole branding; formats are checked by the domain (orgs/branding.ts) for their own codes
  branding: z.exactOptional(
    z.strictObject({
      displayName: z.exactOptional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
      logoUrl: z.exactOptional(z.string().check(z.trim(), z.maxLength(4096))),
      accentColor: z.exactOptional(z.string().check(z.trim(), z.maxLength(32))),
      replyTo: z.exactOptional(z.string().check(z.trim(), z.maxLength(254))),
      defaultLocale: z.exactOptional(z.string().check(z.trim(), z.maxLength(35))),
    }),
  ),
  products: z.exactOptional(
    z
      .array(
        z.strictObject({
          key: productKey,
          name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
        }),
      )
      .check(z.maxLength(50)),
  ),
});

const ports = () => ({ orgs: orgs(), plans: plans(), clock: clock(), ids: ids(), members: members() });

export const handler = withHttp({ route: 'UpdateOrg', body: Body, params: OrgParams, deps: ports }, async ({ body, params, actor, deps }) => {
  const { name, ...settings } = body;
  return ok(await updateOrg(deps, { orgId: params.orgId, actor, ...(name !== undefined ? { name } : {}), settings }));
});
