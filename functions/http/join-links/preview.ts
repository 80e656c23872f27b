import * as z from 'zod/mini';
import { previewJoinLink } from '../../../shared/domain/join-links/preview-join-link.ts';
import { clock, joinLinks, joinLinkTokens } from '../adapters.ts';
import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

const Query = z.strictObject({ token: z.string().check(z.minLength(16), z.maxLength(200)) });

const ports = () => ({ joinLinks: joinLinks(), joinLinkTokens: joinLinkTokens(), clock: clock() });

/** Public and read-only: a chat's link preview changes nothing. */
export const handler = withHttp({ route: 'PreviewJoinLink', query: Query, deps: ports }, async ({ query, deps }) =>
  ok(await previewJoinLink(deps, { token: query.token })),
);
