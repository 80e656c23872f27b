import * as z from 'zod/mini';
import { roles } from '../../shared/domain/model.ts';

/*
 * Pieces several routes share. Every object is strict: an unknown field is a 400, not ignored. The
 * `@__PURE__` marks let a bundle drop the schemas its route does not use: zod/mini marks its own
 * functions so, but not the `.check()` method, and a schema built at load costs init time.
 */
export const id = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/));
export const role = z.enum(roles);
/** A product an org offers (settings.products[].key), as given to invitations and members. */
export const productKey = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9][a-z0-9_-]*$/));
export const OrgParams = z.strictObject({ orgId: id });
/** When a member's access ends: an ISO 8601 instant with its offset; how far ahead is the domain's rule (access-until.ts). */
export const accessUntil = /* @__PURE__ */ z.iso.datetime({ offset: true });
/** User ids come from the identity provider (`sub`): Cognito UUIDs, `auth0|...`; never `#` (a key separator). */
export const userId = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[^#\s/]+$/));
export const MemberParams = z.strictObject({ orgId: id, userId });
export const TeamParams = z.strictObject({ orgId: id, teamId: id });
export const TeamMemberParams = z.strictObject({ orgId: id, teamId: id, userId });
export const InvitationParams = z.strictObject({ orgId: id, invitationId: id });
export const JoinLinkParams = z.strictObject({ orgId: id, linkId: id });
/** A join request's id is `jr_` and the requester's user id in base64url (shared/domain/join-links/join-request.ts). */
export const JoinRequestParams = z.strictObject({
  orgId: id,
  requestId: /* @__PURE__ */ z.string().check(z.minLength(4), z.maxLength(256), z.regex(/^jr_[A-Za-z0-9_-]+$/)),
});
export const TokenBody = z.strictObject({ token: /* @__PURE__ */ z.string().check(z.minLength(16), z.maxLength(128)) });
export const TeamName = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

export const Pagination = /* @__PURE__ */ (() => ({
  // A query string only carries text: digits become the number the document declares (an integer
  // 1..200), anything else reaches the integer check as it came and is refused there.
  limit: z._default(
    /* @__PURE__ */ z.pipe(
      z.transform((v: unknown) => (typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : v)),
      z.int().check(z.minimum(1), z.maximum(200)),
    ),
    50,
  ),
  cursor: z.exactOptional(/* @__PURE__ */ z.string().check(z.maxLength(2048))),
}))();

/** "a, b,,c" -> ['a','b','c'], from a query value of at most `max` characters. */
export const commaSeparated = (max: number) =>
  z.pipe(
    z.string().check(z.maxLength(max)),
    z.transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  );

/** "a,b,c" -> ['a','b','c'], each one of `allowed`. */
export function commaList<T extends string>(allowed: readonly T[]) {
  return commaSeparated(500).check(
    z.refine((xs) => xs.every((x) => (allowed as readonly string[]).includes(x)), `each value must be one of ${allowed.join(', ')}`),
  ) as unknown as z.ZodMiniType<T[]>;
}
