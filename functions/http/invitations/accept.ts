import { acceptInvitation } from '../../../shared/domain/invitations/accept-invitation.ts';
import { clock, ids, invitations, links, plans, teams } from '../adapters.ts';
import { ok } from '../responses.ts';
import { TokenBody } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ invitations: invitations(), teams: teams(), plans: plans(), links: links(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'AcceptInvitation', body: TokenBody, deps: ports }, async ({ body, actor, deps }) =>
  ok(await acceptInvitation(deps, { token: body.token, actor })),
);
