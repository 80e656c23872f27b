import type { AppUrls } from '../../ports.ts';

/**
 * The web app's addresses from `ACCEPT_URL_BASE` (the accept page's URL; the app is served from its
 * origin): the accept link carries its token as a query parameter, the leave page is `/leave` and
 * the join link page `/join` and the console's join links page on the same origin (web/src/app.tsx routes them).
 */
export function appUrls(acceptUrlBase: string): AppUrls {
  const app = new URL(acceptUrlBase).origin;
  return {
    app,
    accept(token) {
      const url = new URL(acceptUrlBase);
      url.searchParams.set('token', token);
      return url.toString();
    },
    leave: (token) => `${app}/leave?token=${encodeURIComponent(token)}`,
    join: (token) => `${app}/join?token=${encodeURIComponent(token)}`,
    joinRequests: (orgId) => `${app}/admin/${encodeURIComponent(orgId)}/join-links`,
    members: (orgId) => `${app}/admin/${encodeURIComponent(orgId)}/members`,
  };
}
