import { deleteTeam } from '../../../shared/domain/teams/teams.ts';
import { noContent } from '../responses.ts';
import { TeamParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({ params: TeamParams }, async ({ params, actor, deps }) => {
  await deleteTeam(deps, { ...params, actor });
  return noContent();
});
