import { ok } from './responses.ts';
import { withHttp } from './with-http.ts';

export const handler = withHttp({ route: 'Health' }, async () => ok({ status: 'ok' }));
