import * as z from 'zod/mini';
import { isValidEmail, MAX_EMAIL_LENGTH, normalizeEmail } from '../../../shared/domain/emails.ts';
import { createOrg } from '../../../shared/domain/orgs/create-org.ts';
import { clock, idempotency, ids, orgs, plans, quotas } from '../adapters.ts';
import { created } from '../responses.ts';
import { userId } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Body = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  allowedDomains: z.exactOptional(z.array(z.string().check(z.maxLength(253))).check(z.maxLength(100))),
  // a service principal's only: the user it creates the org for (their tokens' subject), its first admin
  owner: z.exactOptional(
    z.strictObject({
      userId: userId.check(z.refine((id) => !id.startsWith('service:'), 'a service principal cannot own an organization')),
      email: z.string().check(
        z.maxLength(MAX_EMAIL_LENGTH),
        z.refine((e) => isValidEmail(normalizeEmail(e)), 'not a valid email address'),
      ),
      name: z.exactOptional(z.string().check(z.trim(), z.maxLength(200))),
    }),
  ),
});

const ports = () => ({ orgs: orgs(), plans: plans(), quotas: quotas(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'CreateOrg', body: Body, idempotency, deps: ports }, async ({ body, actor, deps }) =>
  created(await createOrg(deps, { actor, ...body })),
);
