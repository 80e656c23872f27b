import { listMyOrganizations } from '../../../shared/domain/members/my-organizations.ts';
import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({}, async ({ actor, deps }) => ok(await listMyOrganizations(deps, { actor })));
