import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromiumLaunch } from '../../measure/chromium.ts';

/**
 * Debian's Chromium (`apt-get install chromium`), never a downloaded browser. Playwright's launch()
 * gives every run a fresh temporary profile (user-data-dir) and deletes it on close.
 */
export { CHROMIUM } from '../../measure/chromium.ts';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

const shotsDir = join('test-results', 'screenshots');
/** `UPDATE_SCREENSHOTS=1 npx vitest run test/browser` also refreshes the ones the README shows. */
const docsDir = process.env.UPDATE_SCREENSHOTS === '1' ? join('docs', 'screenshots') : null;

export function useBrowser() {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch(chromiumLaunch);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    /** A new person at a new browser: own cookies and sessionStorage; the browser's language en-US unless given. */
    async person(opts: { locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({ viewport: DESKTOP, locale: opts.locale ?? 'en-US', timezoneId: 'UTC' });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return { context, page };
    },
  };
}

/**
 * The page as it is now has no serious or critical axe violation, and is saved at desktop and
 * phone width (`main` ones also under docs/screenshots when asked).
 */
export async function checkPage(page: Page, name: string, opts: { main?: boolean } = {}) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe on "${name}"`).toEqual([]);
  mkdirSync(shotsDir, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  for (const [suffix, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    if (suffix === 'phone') {
      // the narrow layout is a layout of its own: axe it too (reflow, target sizes, contrast)
      const narrow = await new AxeBuilder({ page }).analyze();
      const badNarrow = narrow.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      expect(badNarrow, `axe on "${name}" at 360 px`).toEqual([]);
      expect(await escapedControls(page), `controls past their box on "${name}" at 360 px`).toEqual([]);
    }
    const file = `${name}-${suffix}.png`;
    const shot = await page.screenshot({ fullPage: true });
    await import('node:fs/promises').then((fs) => fs.writeFile(join(shotsDir, file), shot));
    if (opts.main && docsDir) {
      mkdirSync(docsDir, { recursive: true });
      await import('node:fs/promises').then((fs) => fs.writeFile(join(docsDir, file), shot));
    }
  }
  await page.setViewportSize(original);
}

/**
 * Form controls whose right edge passes the screen's or their card's (`.card`, a dialog, a form) by
 * more than a pixel: axe does not see a select pushed out of its card by its longest option, a
 * person on a phone does. Controls inside a horizontal scroller (a wide table) are where they belong.
 */
async function escapedControls(page: Page) {
  return page.evaluate(() => {
    type Box = { right: number };
    type El = {
      tagName: string;
      id: string;
      textContent: string | null;
      parentElement: El | null;
      getBoundingClientRect(): Box;
      closest(s: string): El | null;
      getClientRects(): { length: number };
    };
    const g = globalThis as unknown as {
      document: { querySelectorAll(s: string): Iterable<El> };
      innerWidth: number;
      getComputedStyle(e: El): { overflowX: string };
    };
    const scrolls = (e: El) => {
      for (let p = e.parentElement; p; p = p.parentElement) if (['auto', 'scroll'].includes(g.getComputedStyle(p).overflowX)) return true;
      return false;
    };
    const out: string[] = [];
    for (const c of g.document.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
      if (c.getClientRects().length === 0 || scrolls(c)) continue;
      const right = c.getBoundingClientRect().right;
      const box = c.closest('.card, dialog, form');
      const limit = Math.min(g.innerWidth, box ? box.getBoundingClientRect().right : Number.POSITIVE_INFINITY);
      if (right > limit + 1)
        out.push(
          `${c.tagName.toLowerCase()}${c.id ? `#${c.id}` : ''} "${(c.textContent ?? '').trim().slice(0, 30)}" ends at ${Math.round(right)}, its box at ${Math.round(limit)}`,
        );
    }
    return out;
  });
}

/** The local identity provider's sign-in form, filled in as a person does. */
export async function signInAtProvider(page: Page, person: { email: string; name: string; verified?: boolean; timeZone?: string }) {
  await page.getByLabel('Email', { exact: true }).waitFor();
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email verified').setChecked(person.verified ?? true);
  if (person.timeZone) await page.getByLabel('Time zone (optional)').fill(person.timeZone);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
