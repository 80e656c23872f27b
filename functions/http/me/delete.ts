import { eraseUser } from '../../../shared/domain/users/erase-user.ts';
import { clock, erasure, ids, invitations, members, orgs } from '../adapters.ts';
import { noContent } from '../responses.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ orgs: orgs(), members: members(), invitations: invitations(), erasure: erasure(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'DeleteMe', deps: ports }, async ({ actor, deps }) => {
  await eraseUser(deps, { actor });
  return noContent();
});
