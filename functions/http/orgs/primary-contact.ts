import * as z from 'zod/mini';
import { movePrimaryContact } from '../../../shared/domain/orgs/primary-contact.ts';
import { clock, ids, members, orgs, primaryContacts } from '../adapters.ts';
import { ok } from '../responses.ts';
import { OrgParams, userId } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Body = z.strictObject({ userId });

const ports = () => ({ orgs: orgs(), members: members(), primaryContacts: primaryContacts(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'SetPrimaryContact', body: Body, params: OrgParams, deps: ports }, async ({ body, params, actor, deps }) =>
  ok(await movePrimaryContact(deps, { orgId: params.orgId, userId: body.userId, actor })),
);
