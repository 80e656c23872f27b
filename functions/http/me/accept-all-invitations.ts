import { acceptAllMyInvitations } from '../../../shared/domain/invitations/my-invitations.ts';
import { clock, ids, pagedInvitations, teams } from '../adapters.ts';
import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ invitations: pagedInvitations(), teams: teams(), clock: clock(), ids: ids() });

export const handler = withHttp({ deps: ports }, async ({ actor, deps }) => ok(await acceptAllMyInvitations(deps, { actor })));
