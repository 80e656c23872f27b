import * as z from 'zod/mini';
import { resendInvitation } from '../../../shared/domain/invitations/resend-invitation.ts';
import { clock, ids, invitations, links, plans, quotas } from '../adapters.ts';
import { ok } from '../responses.ts';
import { InvitationParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

/** Optional: an address that bounced or complained is emailed again only when the admin confirms it. */
const Body = z.strictObject({ confirmUndeliverable: z.exactOptional(z.boolean()) });

const ports = () => ({ invitations: invitations(), links: links(), plans: plans(), quotas: quotas(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'ResendInvitation', body: Body, params: InvitationParams, deps: ports }, async ({ body, params, actor, deps }) =>
  ok(await resendInvitation(deps, { ...params, actor, confirmUndeliverable: body.confirmUndeliverable === true })),
);
