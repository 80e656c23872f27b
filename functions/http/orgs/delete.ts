import * as z from 'zod/mini';
import { deleteOrg } from '../../../shared/domain/orgs/delete-org.ts';
import { clock, ids, orgs } from '../adapters.ts';
import { noContent } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

/** The org's name typed again: a deletion cannot happen by a stray click or a wrong id. */
const Body = z.strictObject({ confirm: z.string().check(z.maxLength(200)) });

const ports = () => ({ orgs: orgs(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'DeleteOrg', body: Body, params: OrgParams, deps: ports }, async ({ body, params, actor, deps }) => {
  await deleteOrg(deps, { orgId: params.orgId, actor, confirm: body.confirm });
  return noContent();
});
