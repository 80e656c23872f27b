import { acceptAllMyInvitations } from '../../../shared/domain/invitations/my-invitations.ts';
import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({}, async ({ actor, deps }) => ok(await acceptAllMyInvitations(deps, { actor })));
