import { revokeJoinLink } from '../../../shared/domain/join-links/revoke-join-link.ts';
import { clock, ids, joinLinks, orgs } from '../adapters.ts';
import { noContent } from '../responses.ts';
import { JoinLinkParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ orgs: orgs(), joinLinks: joinLinks(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'RevokeJoinLink', params: JoinLinkParams, deps: ports }, async ({ params, actor, deps }) => {
  await revokeJoinLink(deps, { ...params, actor });
  return noContent();
});
