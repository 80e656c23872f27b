import { declineInvitation } from '../../../shared/domain/invitations/decline-invitation.ts';
import { clock, ids, invitations, links } from '../adapters.ts';
import { ok } from '../responses.ts';
import { TokenBody } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ invitations: invitations(), links: links(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'DeclineInvitation', body: TokenBody, deps: ports }, async ({ body, actor, deps }) =>
  ok(await declineInvitation(deps, { token: body.token, actor })),
);
