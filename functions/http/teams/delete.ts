import { deleteTeam } from '../../../shared/domain/teams/delete-team.ts';
import { clock, ids, members, teams } from '../adapters.ts';
import { noContent } from '../responses.ts';
import { TeamParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ members: members(), teams: teams(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'DeleteTeam', params: TeamParams, deps: ports }, async ({ params, actor, deps }) => {
  await deleteTeam(deps, { ...params, actor });
  return noContent();
});
