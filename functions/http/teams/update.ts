import * as z from 'zod/mini';
import { renameTeam } from '../../../shared/domain/teams/rename-team.ts';
import { clock, ids, members, teams } from '../adapters.ts';
import { ok } from '../responses.ts';
import { TeamName, TeamParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Body = z.strictObject({ name: TeamName });

const ports = () => ({ members: members(), teams: teams(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'RenameTeam', body: Body, params: TeamParams, deps: ports }, async ({ body, params, actor, deps }) =>
  ok(await renameTeam(deps, { ...params, actor, name: body.name })),
);
