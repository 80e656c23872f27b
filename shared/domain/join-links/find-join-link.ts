import type { Deps, LoadedJoinLink } from '../../ports.ts';
import { gone, notFound } from '../errors.ts';
import type { JoinLink } from './join-link.ts';

/**
 * The link a token opens, with its org and the caller's membership. A token that is not one, names
 * no link, or does not match the link's hash is `join_link_not_found`; a deleted org's links answer
 * revoked, as its invitations do.
 */
export async function findJoinLink(deps: Pick<Deps, 'joinLinks' | 'joinLinkTokens'>, token: string, userId = '-') {
  const named = deps.joinLinkTokens.parse(token);
  if (!named) throw notFound('join_link_not_found');
  const loaded = await deps.joinLinks.load(named.orgId, named.linkId, userId);
  // a deleted org's cleanup removes its links, so past it no hash is left to check the token against:
  // the org's tombstone still says its links are revoked (an id that is not a deleted org's stays not found)
  if (!loaded.link && loaded.deletedOrg) throw gone('join_link_revoked');
  if (!loaded.link || !deps.joinLinkTokens.matches(token, loaded.link.tokenHash)) throw notFound('join_link_not_found');
  if (loaded.deletedOrg || !loaded.org) throw gone('join_link_revoked');
  return loaded as LoadedJoinLink & { link: JoinLink; org: NonNullable<LoadedJoinLink['org']> };
}
