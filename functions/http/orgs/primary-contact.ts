import * as z from 'zod/mini';
import { movePrimaryContact } from '../../../shared/domain/orgs/primary-contact.ts';
import { ok } from '../responses.ts';
import { OrgParams, userId } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Body = z.strictObject({ userId });

export const handler = withHttp({ body: Body, params: OrgParams }, async ({ body, params, actor, deps }) =>
  ok(await movePrimaryContact(deps, { orgId: params.orgId, userId: body.userId, actor })));
