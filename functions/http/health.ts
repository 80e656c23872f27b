import { ok } from './responses.ts';
import { withHttp } from './with-http.ts';

export const handler = withHttp({ route: 'Health', auth: false }, async () => ok({ status: 'ok' }));
