import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({ route: 'GetMe' }, async ({ actor }) =>
  ok({ userId: actor.userId, email: actor.email, emailVerified: actor.emailVerified, name: actor.name ?? null }),
);
