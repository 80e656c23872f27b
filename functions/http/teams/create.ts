import * as z from 'zod/mini';
import { createTeam } from '../../../shared/domain/teams/teams.ts';
import { created } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

export const TeamName = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const Body = z.strictObject({ name: TeamName });

export const handler = withHttp({ body: Body, params: OrgParams, idempotent: true }, async ({ body, params, actor, deps }) =>
  created(await createTeam(deps, { orgId: params.orgId, actor, name: body.name })));
