import { getInvitation } from '../../../shared/domain/invitations/get-invitation.ts';
import { clock, invitations } from '../adapters.ts';
import { ok } from '../responses.ts';
import { InvitationParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ invitations: invitations(), clock: clock() });

export const handler = withHttp({ route: 'GetInvitation', params: InvitationParams, deps: ports }, async ({ params, actor, deps }) =>
  ok(await getInvitation(deps, { ...params, actor })),
);
