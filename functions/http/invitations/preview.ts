import * as z from 'zod/mini';
import { previewInvitation } from '../../../shared/domain/invitations/preview-invitation.ts';
import { clock, invitations, links } from '../adapters.ts';
import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

const Query = z.strictObject({ token: z.string().check(z.minLength(16), z.maxLength(128)) });

const ports = () => ({ invitations: invitations(), links: links(), clock: clock() });

/** Public and read-only: a mail scanner that opens the link changes nothing. */
export const handler = withHttp({ route: 'PreviewInvitation', query: Query, deps: ports }, async ({ query, deps }) =>
  ok(await previewInvitation(deps, { token: query.token })),
);
