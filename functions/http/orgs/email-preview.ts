import * as z from 'zod/mini';
import { emailKinds, previewEmail } from '../../../shared/domain/notifications/preview.ts';
import { clock, orgs, urls } from '../adapters.ts';
import { ok } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

// the locale is checked by the domain for its own code (locale_unsupported)
const Query = z.strictObject({ kind: z.enum(emailKinds), locale: z.exactOptional(z.string().check(z.maxLength(35))) });

const ports = () => ({ orgs: orgs(), clock: clock(), urls: urls() });

export const handler = withHttp({ route: 'PreviewOrgEmail', params: OrgParams, query: Query, deps: ports }, async ({ params, query, actor, deps }) =>
  ok(await previewEmail(deps, { orgId: params.orgId, actor, kind: query.kind, ...(query.locale !== undefined ? { locale: query.locale } : {}) })),
);
