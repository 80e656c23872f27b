import { acceptJoinLink } from '../../../shared/domain/join-links/accept-join-link.ts';
import { clock, ids, joinLinks, joinLinkTokens, plans } from '../adapters.ts';
import { created, ok } from '../responses.ts';
import { TokenBody } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ joinLinks: joinLinks(), joinLinkTokens: joinLinkTokens(), plans: plans(), clock: clock(), ids: ids() });

/** 200 with the membership, or 201 with a pending join request when the link requires approval. */
export const handler = withHttp({ route: 'AcceptJoinLink', body: TokenBody, deps: ports }, async ({ body, actor, deps }) => {
  const result = await acceptJoinLink(deps, { token: body.token, actor });
  return result.kind === 'requested' ? created({ joinRequest: result.joinRequest }) : ok({ membership: result.membership, org: result.org });
});
