import { acceptInvitation } from '../../../shared/domain/invitations/accept-invitation.ts';
import { ok } from '../responses.ts';
import { TokenBody } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({ body: TokenBody }, async ({ body, actor, deps }) =>
  ok(await acceptInvitation(deps, { token: body.token, actor })));
