import { listMyOrganizations } from '../../../shared/domain/members/my-organizations.ts';
import { clock, members } from '../adapters.ts';
import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ members: members(), clock: clock() });

export const handler = withHttp({ route: 'ListMyOrganizations', deps: ports }, async ({ actor, deps }) => ok(await listMyOrganizations(deps, { actor })));
