import * as z from 'zod/mini';
import { createOrg } from '../../../shared/domain/orgs/create-org.ts';
import { clock, idempotency, ids, orgs, plans, quotas } from '../adapters.ts';
import { created } from '../responses.ts';
import { withHttp } from '../with-http.ts';

const Body = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  allowedDomains: z.exactOptional(z.array(z.string().check(z.maxLength(253))).check(z.maxLength(100))),
});

const ports = () => ({ orgs: orgs(), plans: plans(), quotas: quotas(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'CreateOrg', body: Body, idempotency, deps: ports }, async ({ body, actor, deps }) =>
  created(await createOrg(deps, { actor, ...body })),
);
