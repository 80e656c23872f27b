const html = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The local identity provider's sign-in page: any email and name, whether the provider vouches
 * for the email (Cognito sets email_verified once a person confirmed their address), and optionally
 * a time zone, issued as OIDC's `zoneinfo` claim (as a provider that knows it would). No password:
 * this provider only runs on the loopback interface, for development and tests.
 */
export function loginPage(p: { action: string; clientName: string; error?: string; email?: string; name?: string; zoneinfo?: string }): string {
  return page(
    `Sign in to ${html(p.clientName)} (local identity provider)`,
    `  label { display: block; font-weight: 600; margin: .9rem 0 .3rem; }
  input[type=email], input[type=text] { box-sizing: border-box; width: 100%; padding: .6rem; font: inherit; border: 1px solid #8a929c; border-radius: .3rem; }
  .check { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
  .hint { margin: 0 0 .3rem; font-size: .9rem; }
  button { margin-top: 1.25rem; }
  .error { color: #a40e26; font-weight: 600; }`,
    `<h1>Sign in</h1>
<p>Local identity provider for ${html(p.clientName)}. Any address works; no password.</p>
${p.error ? `<p class="error" role="alert">${html(p.error)}</p>` : ''}
<form method="post" action="${html(p.action)}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" required autofocus value="${html(p.email ?? '')}">
  <label for="name">Name</label>
  <input id="name" name="name" type="text" autocomplete="name" value="${html(p.name ?? '')}">
  <label class="check" for="emailVerified"><input id="emailVerified" name="emailVerified" type="checkbox" checked> Email verified</label>
  <label for="zoneinfo">Time zone (optional)</label>
  <p class="hint" id="zoneinfo-hint">An IANA name such as Europe/Berlin, sent to the app as the <code>zoneinfo</code> claim. Empty: none.</p>
  <input id="zoneinfo" name="zoneinfo" type="text" autocomplete="off" maxlength="64" aria-describedby="zoneinfo-hint" value="${html(p.zoneinfo ?? '')}">
  <button type="submit">Sign in</button>
</form>`,
  );
}

/**
 * The local provider's sign-out page (RP-initiated logout). oidc-provider asks before ending its
 * session so another site cannot sign a person out; `form` is its form with the anti-forgery field.
 * Cognito's managed login ends the session without asking; here it is one button, no script.
 */
export function logoutPage(p: { form: string; clientName: string }): string {
  const form = p.form.replace('</form>', '<input type="hidden" name="logout" value="yes"><button type="submit">Sign out</button></form>');
  return page(
    `Sign out of ${html(p.clientName)} (local identity provider)`,
    '  button { margin-top: .5rem; }',
    `<h1>Sign out</h1>
<p>Sign out of the local identity provider, so that the next sign-in to ${html(p.clientName)} can use another account.</p>
${form}`,
  );
}

/** The page both forms sit in: one look for the local provider's pages, `css` for what only one needs. */
function page(title: string, css: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  :root { color-scheme: light; font-family: system-ui, sans-serif; }
  body { margin: 0; padding: 1rem; background: #f4f5f7; color: #1b1f24; }
  main { max-width: 24rem; margin: 2rem auto; background: #fff; padding: 1.5rem; border-radius: .5rem; border: 1px solid #d0d4da; }
  h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
  p { margin: 0 0 1rem; color: #4a525c; }
  button { width: 100%; padding: .7rem; font: inherit; font-weight: 600; color: #fff; background: #1d4ed8; border: 0; border-radius: .3rem; cursor: pointer; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
${css}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}
