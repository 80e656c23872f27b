import document from '../../docs/openapi.json' with { type: 'json' };
import { ok } from './responses.ts';
import { withHttp } from './with-http.ts';

/** The committed document (`npm run openapi`), bundled as data: the function reads nothing at run time. */
export const handler = withHttp({ route: 'GetOpenApiDocument' }, async () =>
  ok(document as { openapi: string; info: { title: string; version: string }; paths: Record<string, unknown> }),
);
