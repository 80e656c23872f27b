import document from '../../docs/openapi.json' with { type: 'json' };
import { renderApiReference } from './api-reference.ts';
import { withHttp } from './with-http.ts';

let page: string | undefined;

/** The API reference, rendered once per cold start from the bundled document: nothing is fetched, here or in the browser. */
export const handler = withHttp({ route: 'GetApiReference' }, async () => {
  page ??= renderApiReference(document as unknown as Parameters<typeof renderApiReference>[0]);
  return {
    statusCode: 200 as const,
    body: page,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // the page needs nothing but its own inline styles
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      'cache-control': 'public, max-age=300',
    },
  };
});
