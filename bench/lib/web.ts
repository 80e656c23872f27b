import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startLocalStack } from '../../functions/local/stack.ts';
import { buildWeb } from '../../functions/local/web-build.ts';
import { chromiumLaunch } from '../../measure/chromium.ts';
import { summary } from './stats.ts';

const kB = (bytes: number) => Math.round(bytes / 10.24) / 100;

/**
 * The accept page in headless Chromium against the local stack (app + API + OpenID provider):
 * what it downloads (each file gzipped, as CloudFront compresses it) and how long from navigation to
 * the preview being visible, against a floor: a static page on the same origin, with the same headers,
 * that fetches the same preview route and shows the same heading. Each sample is a fresh browser
 * context (empty cache, as a person clicking an email link), app and floor alternating.
 */
export async function webBench(rounds: number) {
  const dist = await buildWeb({ force: true });
  const served = mkdtempSync(join(tmpdir(), 'web-bench-'));
  cpSync(dist, served, { recursive: true });
  const stack = await startLocalStack({ logLevel: 'silent', web: { distDir: served } });
  const web = stack.web!;
  // the floor: no framework, no router, no config.json round trip; the API's URL is baked in
  writeFileSync(
    join(served, 'floor.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script type="module" src="/floor.js"></script></head><body><main><h1 id="h"></h1></main></body></html>',
  );
  writeFileSync(
    join(served, 'floor.js'),
    `const token = new URLSearchParams(location.search).get('token');
const r = await fetch(${JSON.stringify(stack.url)} + '/invitations/preview?token=' + encodeURIComponent(token));
const p = await r.json();
document.getElementById('h').textContent = "You're invited to join " + p.orgName;`,
  );

  const browser = await chromium.launch(chromiumLaunch);
  try {
    const admin = await stack.issuer.issue({ email: 'bench-admin@example.com', name: 'Ada' });
    const call = (path: string, body: unknown) =>
      fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<any>);
    const org = (await call('/orgs', { name: 'Bench Org' })).org;
    await call(`/orgs/${org.orgId}/invitations`, { emails: 'bench-invitee@example.com' });
    await stack.settle();
    const mail = (await stack.ses.emails('bench-invitee@example.com')).at(-1);
    const token = /token=([A-Za-z0-9_.-]+)/.exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error('no invitation email');
    const expected = "You're invited to join Bench Org";

    // what the accept page loads, until the preview shows and the OIDC library is in
    const sizes: { file: string; kind: string; raw_kB: number; gzip_kB: number }[] = [];
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      const files = new Set<string>();
      page.on('response', (r) => {
        if (r.url().startsWith(web.url)) files.add(new URL(r.url()).pathname);
      });
      await page.goto(`${web.url}/accept?token=${token}`);
      await page.getByRole('heading', { name: expected }).waitFor();
      await page.getByRole('button', { name: 'Sign in to accept' }).waitFor();
      for (const path of files) {
        const file = path === '/accept' ? 'index.html' : path.slice(1);
        if (file === 'config.json') continue;
        const body = readFileSync(join(served, file));
        sizes.push({
          file,
          kind: file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : 'html/other',
          raw_kB: kB(body.length),
          gzip_kB: kB(gzipSync(body, { level: 9 }).length),
        });
      }
      await context.close();
    }
    sizes.sort((a, b) => b.gzip_kB - a.gzip_kB);
    const js = sizes.filter((s) => s.kind === 'js').reduce((a, s) => a + s.gzip_kB, 0);
    const all = sizes.reduce((a, s) => a + s.gzip_kB, 0);
    // loaded only when the person presses "Sign in to accept" (or has a session to restore)
    const { readdirSync } = await import('node:fs');
    const oidc = readdirSync(join(served, 'assets')).find((f) => f.startsWith('oidc-client-ts-') && f.endsWith('.js'));
    if (oidc) {
      const body = readFileSync(join(served, 'assets', oidc));
      sizes.push({ file: `assets/${oidc}`, kind: 'js, on sign-in', raw_kB: kB(body.length), gzip_kB: kB(gzipSync(body, { level: 9 }).length) });
    }
    const signInJs = js + (sizes.at(-1)?.kind === 'js, on sign-in' ? sizes.at(-1)!.gzip_kB : 0);

    const visibleAt = async (url: string) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      // in-page clock: from the navigation's start to the heading being in the document with its text
      const at = await page.waitForFunction(
        (text) => {
          const h = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('h1');
          return h && h.textContent === text ? performance.now() : null;
        },
        expected,
        { polling: 'raf', timeout: 30_000 },
      );
      const ms = (await at.jsonValue()) as number;
      await context.close();
      return ms;
    };
    const app: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < rounds + 2; i++) {
      const a = await visibleAt(`${web.url}/accept?token=${token}`);
      const f = await visibleAt(`${web.url}/floor.html?token=${token}`);
      if (i >= 2) {
        app.push(a);
        floor.push(f);
      } // two warm-up rounds: JIT, DynamoDB Local
    }
    const sa = summary(app);
    const sf = summary(floor);
    const timing = [
      { page: 'accept page (the app)', ...sa },
      { page: 'floor (static page, same preview fetch)', ...sf },
      { page: 'ratio app / floor (medians)', p50: Math.round((sa.p50 / sf.p50) * 100) / 100 },
    ];
    const r = (x: number) => Math.round(x * 100) / 100;
    return { sizes, totals: { js_gzip_kB: r(js), all_gzip_kB: r(all), js_with_sign_in_gzip_kB: r(signInJs) }, timing, rounds };
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(served, { recursive: true, force: true });
  }
}
