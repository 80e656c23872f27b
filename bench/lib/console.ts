import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startLocalStack } from '../../functions/local/stack.ts';
import { buildWeb } from '../../functions/local/web-build.ts';
import { chromiumLaunch } from '../../measure/chromium.ts';
import { seedMembers } from '../../measure/seed.ts';
import { changePlan } from '../../shared/domain/orgs/change-plan.ts';
import { floorHtml, floorJs } from './console-floor.ts';
import { summary } from './stats.ts';

/** The page clock's time at the first animation frame in which `selector` matches at least `min` elements. */
async function rowsShownAt(page: Page, selector: string, min: number) {
  const at = await page.waitForFunction(
    ({ s, n }) => {
      const d = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
      return d.querySelectorAll(s).length >= n ? performance.now() : null;
    },
    { s: selector, n: min },
    { polling: 'raf', timeout: 60_000 },
  );
  return (await at.jsonValue()) as number;
}

/** Milliseconds (page clock) from now until `selector` matches at least `min` elements. */
async function untilRows(page: Page, selector: string, min: number, act: () => Promise<void>) {
  const t0 = await page.evaluate(() => performance.now());
  await act();
  return (await rowsShownAt(page, selector, min)) - t0;
}

/** From the navigation's start (page clock) until `selector` matches at least `min` elements. */
async function loadedRows(page: Page, url: string, selector: string, min: number) {
  await page.goto(url, { waitUntil: 'commit' });
  return rowsShownAt(page, selector, min);
}

/**
 * The admin console at scale (issue 20): an org of 10,000 members and 1,000 pending invitations on
 * the local stack, its pages in headless Chromium, each against two floors:
 * - the API call alone (the issue's floor): the call that page shows the rows of, sent from Node over
 *   the same loopback, so the ratio is everything the app adds: its load, the session, the console's
 *   context calls, the browser's CORS preflights, rendering;
 * - a minimal page (as the accept bench's floor): a static page on the same origin making the same
 *   calls as the console's page and rendering the rows (console-floor.ts), in the same tab, timed the
 *   same way; that ratio is what the app's own code costs.
 * Rounds alternate the app, the floor page and the call alone.
 */
export async function consoleBench(rounds: number, opts: { members: number; pending: number }) {
  const dist = await buildWeb();
  const served = mkdtempSync(join(tmpdir(), 'console-bench-'));
  cpSync(dist, served, { recursive: true });
  const stack = await startLocalStack({ logLevel: 'silent', web: { distDir: served } });
  const web = stack.web!;
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const email = 'console-bench-admin@example.com';
    const admin = await stack.issuer.issue({ email, name: 'Ada Admin' });
    const api = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${stack.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: r.status, body: (await r.json()) as any };
    };
    const org = (await api('POST', '/orgs', { name: 'Console Bench' })).body.org;
    const orgId = org.orgId as string;
    await changePlan(stack.runtime.deps, { orgId, plan: 'enterprise', operator: 'bench' });

    const t0 = Date.now();
    const me = (await api('GET', `/orgs/${orgId}/members?limit=1`)).body.items[0];
    await seedMembers(stack, orgId, opts.members, { userId: me.userId, name: me.name });
    // the pending invitations through the API (silent: no emails), 1000 a request
    for (let i = 0; i < opts.pending; i += 1000) {
      const emails = Array.from({ length: Math.min(1000, opts.pending - i) }, (_, j) => `pending${i + j}@invitee.example.com`);
      const r = await api('POST', `/orgs/${orgId}/invitations`, { emails, sendEmail: false });
      if (r.status !== 201) throw new Error(`seeding invitations: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    const counts = (await api('GET', `/orgs/${orgId}`)).body.org.counts;
    const seedSeconds = Math.round((Date.now() - t0) / 100) / 10;
    writeFileSync(join(served, 'console-floor.html'), floorHtml);
    writeFileSync(join(served, 'console-floor.js'), floorJs({ apiUrl: stack.url, orgId, token: admin.token }));

    // signed in once, as a person does; the session then lives in this tab (sessionStorage)
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const membersUrl = `${web.url}/admin/${orgId}/members`;
    await page.goto(membersUrl);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Name').fill('Ada Admin');
    await page.getByLabel('Email verified').setChecked(true);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === `/admin/${orgId}/members`);

    const memberRows = 'table[aria-label="Members"] tbody tr';
    const invitationRows = 'table[aria-label^="Invitations"] tbody tr';
    const floor = async (path: string) => {
      const s = performance.now();
      const r = await api('GET', path);
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      return { ms: performance.now() - s, cursor: r.body.nextCursor as string | null };
    };
    const samples = {
      first: [] as number[],
      next: [] as number[],
      pending: [] as number[],
      filter: [] as number[],
      pageFirst: [] as number[],
      pageNext: [] as number[],
      pagePending: [] as number[],
      pageFilter: [] as number[],
      floorFirst: [] as number[],
      floorNext: [] as number[],
      floorPending: [] as number[],
    };
    // the same steps on the app's pages and on the floor page: load the members, "Show more", load the
    // pending invitations, filter to accepted and back to pending
    const steps = async (members: string, invitations: string) => {
      const first = await loadedRows(page, members, memberRows, 1);
      await page.locator(memberRows).nth(49).waitFor();
      const next = await untilRows(page, memberRows, 51, () => page.getByRole('button', { name: 'Show more' }).click());
      const pending = await loadedRows(page, invitations, invitationRows, 1);
      await page.locator(invitationRows).nth(49).waitFor();
      await page.getByLabel('Show').selectOption('accepted');
      await page.waitForFunction((s) => (globalThis as any).document.querySelectorAll(s).length === 0, invitationRows);
      const filter = await untilRows(page, invitationRows, 1, async () => {
        await page.getByLabel('Show').selectOption('pending');
      });
      return { first, next, pending, filter };
    };
    for (let i = 0; i < rounds + 2; i++) {
      const keep = i >= 2; // two warm-up rounds: JIT, DynamoDB Local's caches
      const app = await steps(membersUrl, `${web.url}/admin/${orgId}/invitations`);
      const min = await steps(`${web.url}/console-floor.html?list=members`, `${web.url}/console-floor.html?list=invitations`);
      const f1 = await floor(`/orgs/${orgId}/members?limit=50`);
      const f2 = await floor(`/orgs/${orgId}/members?limit=50&cursor=${encodeURIComponent(f1.cursor ?? '')}`);
      const f3 = await floor(`/orgs/${orgId}/invitations?status=pending&limit=50`);
      if (keep) {
        samples.first.push(app.first);
        samples.next.push(app.next);
        samples.pending.push(app.pending);
        samples.filter.push(app.filter);
        samples.pageFirst.push(min.first);
        samples.pageNext.push(min.next);
        samples.pagePending.push(min.pending);
        samples.pageFilter.push(min.filter);
        samples.floorFirst.push(f1.ms);
        samples.floorNext.push(f2.ms);
        samples.floorPending.push(f3.ms);
      }
    }
    await context.close();
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const row = (what: string, app: number[], floorMs: number[], floorPage: number[]) => {
      const a = summary(app);
      const f = summary(floorMs);
      const p = summary(floorPage);
      return {
        what,
        appP50: a.p50,
        appP95: a.p95,
        callP50: f.p50,
        callP95: f.p95,
        ratioToCall: ratio(a.p50, f.p50),
        floorPageP50: p.p50,
        floorPageP95: p.p95,
        ratioToFloorPage: ratio(a.p50, p.p50),
      };
    };
    return {
      org: { members: counts.members, pendingInvitations: counts.pendingInvitations, seedSeconds },
      rounds,
      rows: [
        row('members: first rows (page load, sign-in restored)', samples.first, samples.floorFirst, samples.pageFirst),
        row('members: next page ("Show more")', samples.next, samples.floorNext, samples.pageNext),
        row('invitations: first rows (pending, page load)', samples.pending, samples.floorPending, samples.pagePending),
        row('invitations: filter back to pending', samples.filter, samples.floorPending, samples.pageFilter),
      ],
    };
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(served, { recursive: true, force: true });
  }
}
