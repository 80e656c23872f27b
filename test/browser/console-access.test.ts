import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useConsole } from '../helpers/console.ts';

/*
 * The console's Members and Invitations pages ask for their first page of rows beside the console's
 * context (the org, my organizations, the teams), not after it (docs/performance.md, section 8).
 * These scenarios hold that: the list is asked while the context is still held back; and whoever may
 * not see the rows (a member who is not an admin, a suspended admin, an org that does not exist) still
 * gets the console's explanation and no table, whatever the early list call answered.
 */
const { t, db, tag, poll, heading, signedInAt } = useConsole();

/** What the page says in place of the console, and that it shows no table of rows. */
async function refusal(page: Page, title: string) {
  await heading(page, title).waitFor();
  const main = page.getByRole('main');
  await main.getByRole('alert').waitFor();
  expect(await main.getByRole('table').count()).toBe(0);
  expect(await main.getByRole('navigation', { name: 'Organization admin' }).count()).toBe(0);
  return (await main.getByRole('alert').textContent())?.trim();
}

describe('the console asks for its rows beside its context', { timeout: 300_000 }, () => {
  for (const [tab, title, list] of [
    ['members', 'Members', '/members?'],
    ['invitations', 'Invitations', '/invitations?'],
  ] as const) {
    it(`${title}: the first page is asked while the context's answers are still held back, and shows once they come`, async () => {
      const admin = await t.user('Ada Admin');
      const org = await t.createOrg(admin, { name: `Early ${tag()}` });
      if (tab === 'invitations') expect((await t.invite(admin, org.orgId, { emails: `early-${tag()}@example.com` })).status).toBe(201);
      const path = `/admin/${org.orgId}/${tab}`;
      const page = await signedInAt(admin, path);
      await heading(page, title).waitFor();

      // on a reload, GET /orgs/{orgId} (one of the context's calls) is held until the list has been asked for:
      // a page that asked for its list only after the context would stay on "Loading" and this would time out
      const orgRoute = `${t.stack.url}/orgs/${org.orgId}`;
      const listed: string[] = [];
      let listAsked!: () => void;
      const asked = new Promise<void>((resolve) => {
        listAsked = resolve;
      });
      page.on('request', (r) => {
        if (r.method() === 'GET' && r.url().startsWith(`${orgRoute}${list}`)) {
          listed.push(r.url());
          listAsked();
        }
      });
      let held = 0;
      await page.route(
        (u) => u.href === orgRoute,
        async (route) => {
          if (route.request().method() === 'GET') {
            held++;
            await asked;
          }
          await route.continue();
        },
      );
      await page.reload();
      await heading(page, title).waitFor();
      const rows = page.getByRole('main').getByRole('table').getByRole('row');
      await poll(() => rows.count()).toBe(2); // header + the one row
      expect(held).toBe(1);
      expect(listed).toHaveLength(1);
    });
  }

  it("a member who is not an admin, a suspended admin and an org that does not exist get the console's explanation and no rows, on Members and on Invitations", async () => {
    const admin = await t.user('Ada Admin');
    const org = await t.createOrg(admin, { name: `Guarded ${tag()}` });
    expect((await t.invite(admin, org.orgId, { emails: `pending-${tag()}@example.com` })).status).toBe(201);
    const grace = await t.user('Grace Member');
    await db.join(admin, org.orgId, grace);
    const sam = await t.user('Sam Suspended');
    const samMember = await db.join(admin, org.orgId, sam, 'admin');
    expect((await t.as(admin).patch(`/orgs/${org.orgId}/members/${samMember.userId}`, { status: 'suspended' })).status).toBe(200);

    // a member may read the member list (the API answers it), but the console is for admins
    const notAdmin = 'Only the admins of this organization can open its admin pages.';
    const gracePage = await signedInAt(grace, `/admin/${org.orgId}/members`);
    expect(await refusal(gracePage, 'Members')).toBe(notAdmin);
    await gracePage.goto(`${t.stack.web!.url}/admin/${org.orgId}/invitations`);
    expect(await refusal(gracePage, 'Invitations')).toBe(notAdmin);

    // a suspended admin is told what someone who left is (the API answers them 404 for the org), as before
    const gone = 'This organization does not exist or you are no longer a member.';
    const samPage = await signedInAt(sam, `/admin/${org.orgId}/members`);
    expect(await refusal(samPage, 'Members')).toBe(gone);
    await samPage.goto(`${t.stack.web!.url}/admin/${org.orgId}/invitations`);
    expect(await refusal(samPage, 'Invitations')).toBe(gone);

    const adminPage = await signedInAt(admin, `/admin/org_doesnotexist${tag()}/members`);
    expect(await refusal(adminPage, 'Members')).toBe(gone);
    await adminPage.goto(`${t.stack.web!.url}/admin/org_doesnotexist${tag()}/invitations`);
    expect(await refusal(adminPage, 'Invitations')).toBe(gone);
  });
});
