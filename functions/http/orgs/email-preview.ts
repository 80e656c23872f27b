import * as z from 'zod/mini';
import { emailKinds, previewEmail } from '../../../shared/domain/notifications/preview.ts';
import { clock, orgs, urls } from '../adapters.ts';
import { ok } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

// the locale and the time zone are checked by the domain for their own codes (locale_unsupported, time_zone_invalid)
const Query = z.strictObject({
  kind: z.enum(emailKinds),
  locale: z.exactOptional(z.string().check(z.maxLength(35))),
  timeZone: z.exactOptional(z.string().check(z.maxLength(64))),
});

const ports = () => ({ orgs: orgs(), clock: clock(), urls: urls() });

export const handler = withHttp({ route: 'PreviewOrgEmail', params: OrgParams, query: Query, deps: ports }, async ({ params, query, actor, deps }) =>
  ok(await previewEmail(deps, { orgId: params.orgId, actor, ...query })),
);
