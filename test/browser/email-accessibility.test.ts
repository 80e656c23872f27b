import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { emailKinds } from '../../shared/domain/notifications/preview.ts';
import { PHONE, useBrowser } from '../helpers/browser.ts';
import { useStack } from '../helpers/stack.ts';

/*
 * The emails themselves, as a screen reader or a phone's mail app gets them: every kind's HTML, with a
 * branding whose accent is light (white text on it would be unreadable), opened as a page of its own
 * and checked by axe. The
 * console's preview frame cannot be checked in place (axe waits forever for a frame without scripts).
 */
const t = useStack();
const browser = useBrowser();

const serious = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('the emails are accessible', { timeout: 300_000 }, () => {
  it('every kind, with a light accent colour: no serious or critical axe violation, its subject as the title; in Japanese and at phone width too', async () => {
    const admin = await t.user('Ada');
    const { orgId } = await t.createOrg(admin, { name: 'Acme <Gold>' });
    const branding = { displayName: 'Acme <Gold>', accentColor: '#ffd700', logoUrl: 'https://cdn.example.com/logo.png' };
    expect((await t.as(admin).patch(`/orgs/${orgId}`, { branding })).status).toBe(200);
    const { page } = await browser.person();
    // the logo's host does not exist here: an empty image keeps the check offline
    await page.route('https://cdn.example.com/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: Buffer.alloc(0) }));
    // every kind in English; the Japanese rendering and the phone width of the kinds with a button (the
    // layout is one shell, so more combinations would check the same markup again)
    const cases = [
      ...emailKinds.map((kind) => ({ kind, locale: 'en', width: 1280 })),
      ...(['invitation', 'access_ending'] as const).flatMap((kind) => [
        { kind, locale: 'ja', width: 1280 },
        { kind, locale: 'en', width: PHONE.width },
      ]),
    ];
    for (const { kind, locale, width } of cases) {
      const preview = await t.as(admin).get(`/orgs/${orgId}/email-preview?kind=${kind}&locale=${locale}`);
      expect(preview.status).toBe(200);
      await page.setViewportSize({ width, height: 800 });
      await page.setContent(preview.body.html);
      expect(await page.title()).toBe(preview.body.subject);
      expect(await serious(page), `${kind} (${locale}, ${width} px)`).toEqual([]);
    }
  });
});
