import * as z from 'zod/mini';
import { updateMember } from '../../../shared/domain/members/update-member.ts';
import { memberStatuses } from '../../../shared/domain/model.ts';
import { clock, ids, invitations, members } from '../adapters.ts';
import { ok } from '../responses.ts';
import { accessUntil, MemberParams, productKey, role } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Body = z
  .strictObject({
    role: z.exactOptional(role),
    status: z.exactOptional(z.enum(memberStatuses)),
    products: z.exactOptional(z.array(productKey).check(z.maxLength(50))),
    // null clears it
    accessUntil: z.exactOptional(z.nullable(accessUntil)),
    // the member's email settings, checked by the domain for their own codes (locale_unsupported,
    // time_zone_invalid); null goes back to the default
    locale: z.exactOptional(z.nullable(z.string().check(z.trim(), z.maxLength(35)))),
    timeZone: z.exactOptional(z.nullable(z.string().check(z.trim(), z.maxLength(64)))),
  })
  .check(z.refine((b) => Object.values(b).some((v) => v !== undefined), 'give role, status, products, accessUntil, locale or timeZone'));

const ports = () => ({ members: members(), invitations: invitations(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'UpdateMember', body: Body, params: MemberParams, deps: ports }, async ({ body, params, actor, deps }) =>
  ok(await updateMember(deps, { orgId: params.orgId, userId: params.userId, actor, ...body })),
);
