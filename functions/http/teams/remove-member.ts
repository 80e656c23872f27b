import { removeTeamMember } from '../../../shared/domain/teams/remove-team-member.ts';
import { clock, ids, members, teams } from '../adapters.ts';
import { noContent } from '../responses.ts';
import { TeamMemberParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ members: members(), teams: teams(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'RemoveTeamMember', params: TeamMemberParams, deps: ports }, async ({ params, actor, deps }) => {
  await removeTeamMember(deps, { ...params, actor });
  return noContent();
});
