import type { WebConfig } from '../hosting.ts';

/*
 * index.html loads this file with a script of its own (`async`, see vite.config.ts), beside the app's
 * chunk rather than after it. Most people arrive on the accept page from an email, and what they wait
 * for is the invitation's preview: here its request starts as soon as config.json is in, while the
 * app's JavaScript is still downloading and parsing (the time-to-preview ratio, docs/performance.md).
 * The app imports this same module (one instance: the same URL) and takes over what it started:
 * main.tsx the configuration, pages/accept/state.ts the preview's answer, so nothing is asked twice.
 *
 * The preview is the one request the app starts without the generated client (openapi-fetch here
 * would be a second copy of it, or a shared chunk to fetch first); its answer is still read by the
 * client, which state.ts hands this response to, so a refusal is an ApiError like any other.
 */

/** Where the accept page keeps the invitation token once it has left the address bar. */
export const TOKEN_KEY = 'app.invitationToken';

/** The deployment's config.json (index.html preloads it), asked once per page load. */
export const config: Promise<WebConfig> = fetch('/config.json').then((res) => {
  if (!res.ok) throw new Error(res.statusText);
  return res.json() as Promise<WebConfig>;
});

const token = /^\/accept\/?$/.test(location.pathname) ? (new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem(TOKEN_KEY)) : null;

let early: { token: string; response: Promise<Response> } | undefined;
if (token) {
  const response = config.then((c) => fetch(`${c.apiUrl}/invitations/preview?token=${encodeURIComponent(token)}`));
  // whoever takes it handles a failure; a page that never does must not report an unhandled rejection
  response.catch(() => {});
  early = { token, response };
}

/**
 * The preview request this page started at load for `token`, once: the next call (a retry) answers
 * undefined, so the caller asks again.
 */
export function takeEarlyPreview(forToken: string): Promise<Response> | undefined {
  if (early?.token !== forToken) return undefined;
  const { response } = early;
  early = undefined;
  return response;
}
