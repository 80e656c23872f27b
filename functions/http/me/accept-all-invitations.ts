import { acceptAllMyInvitations } from '../../../shared/domain/invitations/my-invitations.ts';
import { clock, ids, pagedInvitations, plans, teams } from '../adapters.ts';
import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ invitations: pagedInvitations(), teams: teams(), plans: plans(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'AcceptAllMyInvitations', deps: ports }, async ({ actor, deps }) => ok(await acceptAllMyInvitations(deps, { actor })));
