import * as z from 'zod/mini';
import { createTeam } from '../../../shared/domain/teams/create-team.ts';
import { clock, idempotency, ids, orgs, teams } from '../adapters.ts';
import { created } from '../responses.ts';
import { OrgParams, TeamName } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Body = z.strictObject({ name: TeamName });

const ports = () => ({ orgs: orgs(), teams: teams(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'CreateTeam', body: Body, params: OrgParams, idempotency, deps: ports }, async ({ body, params, actor, deps }) =>
  created(await createTeam(deps, { orgId: params.orgId, actor, name: body.name })),
);
