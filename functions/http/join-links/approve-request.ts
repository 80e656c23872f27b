import { approveJoinRequest } from '../../../shared/domain/join-links/approve-join-request.ts';
import { clock, ids, joinLinks, plans } from '../adapters.ts';
import { ok } from '../responses.ts';
import { JoinRequestParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ joinLinks: joinLinks(), plans: plans(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'ApproveJoinRequest', params: JoinRequestParams, deps: ports }, async ({ params, actor, deps }) =>
  ok(await approveJoinRequest(deps, { ...params, actor })),
);
