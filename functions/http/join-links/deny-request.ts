import { denyJoinRequest } from '../../../shared/domain/join-links/deny-join-request.ts';
import { clock, ids, joinLinks } from '../adapters.ts';
import { ok } from '../responses.ts';
import { JoinRequestParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ joinLinks: joinLinks(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'DenyJoinRequest', params: JoinRequestParams, deps: ports }, async ({ params, actor, deps }) =>
  ok(await denyJoinRequest(deps, { ...params, actor })),
);
