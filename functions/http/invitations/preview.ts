import * as z from 'zod/mini';
import { previewInvitation } from '../../../shared/domain/invitations/preview-invitation.ts';
import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

const Query = z.strictObject({ token: z.string().check(z.minLength(16), z.maxLength(128)) });

/** Public and read-only: a mail scanner that opens the link changes nothing. */
export const handler = withHttp({ auth: false, query: Query }, async ({ query, deps }) =>
  ok(await previewInvitation(deps, { token: query.token })));
