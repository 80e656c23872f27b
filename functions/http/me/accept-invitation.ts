import * as z from 'zod/mini';
import { acceptMyInvitation } from '../../../shared/domain/invitations/my-invitations.ts';
import { ok } from '../responses.ts';
import { id } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Params = z.strictObject({ invitationId: id });

export const handler = withHttp({ params: Params }, async ({ params, actor, deps }) =>
  ok(await acceptMyInvitation(deps, { invitationId: params.invitationId, actor })));
