import * as z from 'zod/mini';
import { renameTeam } from '../../../shared/domain/teams/teams.ts';
import { ok } from '../responses.ts';
import { TeamParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';
import { TeamName } from './create.ts';

const Body = z.strictObject({ name: TeamName });

export const handler = withHttp({ body: Body, params: TeamParams }, async ({ body, params, actor, deps }) =>
  ok(await renameTeam(deps, { ...params, actor, name: body.name })));
