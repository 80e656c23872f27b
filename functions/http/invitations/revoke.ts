import { revokeInvitation } from '../../../shared/domain/invitations/change-invitation.ts';
import { ok } from '../responses.ts';
import { InvitationParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({ params: InvitationParams }, async ({ params, actor, deps }) =>
  ok(await revokeInvitation(deps, { ...params, actor })));
