import { revokeInvitation } from '../../../shared/domain/invitations/revoke-invitation.ts';
import { clock, ids, invitations } from '../adapters.ts';
import { ok } from '../responses.ts';
import { InvitationParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ invitations: invitations(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'RevokeInvitation', params: InvitationParams, deps: ports }, async ({ params, actor, deps }) =>
  ok(await revokeInvitation(deps, { ...params, actor })),
);
