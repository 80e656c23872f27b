import { resendInvitation } from '../../../shared/domain/invitations/change-invitation.ts';
import { clock, ids, invitations, links, plans, quotas } from '../adapters.ts';
import { ok } from '../responses.ts';
import { InvitationParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ invitations: invitations(), links: links(), plans: plans(), quotas: quotas(), clock: clock(), ids: ids() });

export const handler = withHttp({ params: InvitationParams, deps: ports }, async ({ params, actor, deps }) =>
  ok(await resendInvitation(deps, { ...params, actor })));
