import * as z from 'zod/mini';
import { leaveByLink } from '../../../shared/domain/members/leave-by-link.ts';
import { clock, ids, invitations, links, members, orgs } from '../adapters.ts';
import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

const Body = z.strictObject({ token: z.string().check(z.minLength(16), z.maxLength(512)) });

const ports = () => ({ orgs: orgs(), members: members(), invitations: invitations(), links: links(), clock: clock(), ids: ids() });

/**
 * Public: the signed link in a direct add's email is the credential (leave-by-link.ts). A POST from
 * the web app's page, never the GET of the link itself, so a mail scanner that opens links leaves nothing.
 */
export const handler = withHttp({ route: 'LeaveByLink', body: Body, deps: ports }, async ({ body, deps }) =>
  ok(await leaveByLink(deps, { token: body.token })),
);
