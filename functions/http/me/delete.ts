import { eraseUser } from '../../../shared/domain/users/erase-user.ts';
import { noContent } from '../responses.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({}, async ({ actor, deps }) => {
  await eraseUser(deps, { actor });
  return noContent();
});
