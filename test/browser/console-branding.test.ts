import { describe, expect, it } from 'vitest';
import { checkPage } from '../helpers/browser.ts';
import { useConsole } from '../helpers/console.ts';

/*
 * Settings: the org's email branding and the email preview (issue 23 §4), driven by role and name
 * against the local stack and the local OpenID provider. What the page saved is read back from the API.
 */
const { t, poll, heading, status, adminAt } = useConsole();

describe('the admin console: email branding and preview', { timeout: 300_000 }, () => {
  it('Ally: a refused logo and reply-to are explained in words; saved branding shows in a German preview, rendered without scripts', async () => {
    const { admin, orgId, page } = await adminAt((id) => `/admin/${id}/settings`);
    await heading(page, 'Settings').waitFor();
    const form = page.getByRole('form', { name: 'Email branding' });

    await form.getByLabel('Logo URL').fill('http://cdn.example.com/logo.png');
    await form.getByRole('button', { name: 'Save branding' }).click();
    await poll(() => form.getByRole('alert').textContent()).toContain('The logo must be a plain https address');
    await form.getByLabel('Logo URL').fill('https://cdn.example.com/logo.png');
    await form.getByLabel('Reply-to address').fill('someone.else@example.com');
    await form.getByRole('button', { name: 'Save branding' }).click();
    await poll(() => form.getByRole('alert').textContent()).toContain("must be the email address of one of the organization's active admins");

    await form.getByLabel('Name shown in emails').fill('Globex <Labs>');
    await form.getByLabel('Accent colour').fill('#0a7f3f');
    await form.getByLabel('Reply-to address').fill(admin.email);
    await form.getByLabel('Default email language').selectOption('de');
    await form.getByRole('button', { name: 'Save branding' }).click();
    await poll(() => status(form).textContent()).toBe('Branding saved.');
    const branding = (await t.as(admin).get(`/orgs/${orgId}`)).body.org.settings.branding;
    expect(branding).toEqual({
      displayName: 'Globex <Labs>',
      logoUrl: 'https://cdn.example.com/logo.png',
      accentColor: '#0a7f3f',
      replyTo: admin.email,
      defaultLocale: 'de',
    });

    // axe before the preview is shown: it cannot run inside a frame without scripts, and waits for it forever
    await checkPage(page, 'console-branding', { main: true });
    const preview = page.getByRole('region', { name: 'Email preview' });
    const subjectLine = preview.locator('p').filter({ hasText: /^Subject:/ });
    // the language picker starts at the org's default language
    expect(await preview.getByLabel('Language', { exact: true }).inputValue()).toBe('de');
    await preview.getByLabel('Email', { exact: true }).selectOption('access_ending');
    await preview.getByRole('button', { name: 'Show preview' }).click();
    const expected = (await t.as(admin).get(`/orgs/${orgId}/email-preview?kind=access_ending&locale=de`)).body;
    await poll(() => subjectLine.textContent()).toBe(`Subject: ${expected.subject}`);
    expect(expected.subject).toContain('Ihr Zugang zu Globex <Labs> endet am');
    const frame = preview.getByTitle('The email as recipients see it');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toBe(expected.html);
    await preview.getByText('Plain-text version').click();
    expect(await preview.locator('pre').textContent()).toBe(expected.text);

    // the dates in a recipient's time zone (UTC when it is not known)
    expect(expected.subject).toMatch(/ UTC$/);
    await preview.getByLabel('Time zone of the dates').selectOption('Asia/Tokyo');
    await preview.getByRole('button', { name: 'Show preview' }).click();
    const inTokyo = (await t.as(admin).get(`/orgs/${orgId}/email-preview?kind=access_ending&locale=de&timeZone=Asia/Tokyo`)).body;
    expect(inTokyo.subject).toMatch(/ GMT\+9$/);
    await poll(() => subjectLine.textContent()).toBe(`Subject: ${inTokyo.subject}`);
  });
});
