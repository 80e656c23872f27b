import { requestNewInvitation } from '../../../shared/domain/invitations/request-renewal.ts';
import { clock, ids, invitations, links } from '../adapters.ts';
import { ok } from '../responses.ts';
import { TokenBody } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ invitations: invitations(), links: links(), clock: clock(), ids: ids() });

/** POST only, and signed in: a link scanner that GETs the link cannot trigger it. */
export const handler = withHttp({ route: 'RequestNewInvitation', body: TokenBody, deps: ports }, async ({ body, actor, deps }) =>
  ok(await requestNewInvitation(deps, { token: body.token, actor })),
);
