import * as z from 'zod/mini';
import { acceptMyInvitation } from '../../../shared/domain/invitations/my-invitations.ts';
import { clock, ids, invitations, plans, teams } from '../adapters.ts';
import { ok } from '../responses.ts';
import { id } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Params = z.strictObject({ invitationId: id });

const ports = () => ({ invitations: invitations(), teams: teams(), plans: plans(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'AcceptMyInvitation', params: Params, deps: ports }, async ({ params, actor, deps }) =>
  ok(await acceptMyInvitation(deps, { invitationId: params.invitationId, actor })),
);
