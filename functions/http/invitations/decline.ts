import { declineInvitation } from '../../../shared/domain/invitations/change-invitation.ts';
import { ok } from '../responses.ts';
import { TokenBody } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({ body: TokenBody }, async ({ body, actor, deps }) =>
  ok(await declineInvitation(deps, { token: body.token, actor })));
