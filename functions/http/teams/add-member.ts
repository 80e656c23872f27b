import { addTeamMember } from '../../../shared/domain/teams/teams.ts';
import { noContent } from '../responses.ts';
import { TeamMemberParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({ params: TeamMemberParams }, async ({ params, actor, deps }) => {
  await addTeamMember(deps, { ...params, actor });
  return noContent();
});
