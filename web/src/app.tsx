import { signal } from '@preact/signals';
import { useEffect, useLayoutEffect } from 'preact/hooks';
import { sessionExpired, signIn, signOutEverywhere, user } from './auth/session.ts';
import AcceptPage from './pages/accept/accept-page.tsx';
import { current, Link, match, navigate, type Page, route } from './router.tsx';
import { t } from './strings.ts';

// The accept page is where most people arrive (from an email): it is in the first chunk; every other
// page is a chunk of its own, loaded when first visited.
const routes = [
  route('/accept', async () => AcceptPage),
  route('/signin/callback', async () => (await import('./pages/signin-callback/signin-callback-page.tsx')).default),
  route('/organizations', async () => (await import('./pages/organizations/organizations-page.tsx')).default),
  route('/orgs/:orgId', async () => (await import('./pages/org/org-page.tsx')).default),
  route('/invitations', async () => (await import('./pages/invitations/invitations-page.tsx')).default),
  route('/account', async () => (await import('./pages/account/account-page.tsx')).default),
  // pages that share a chunk share one route: each route costs this first chunk bytes, and the accept
  // page's budget (test/infra/web-budget.test.ts) has none to spare; the chunk picks the page by path
  route('/(leave|join)', async () => (await import('./pages/leave/leave-page.tsx')).default),
  // the admin console (web/src/console/): chunks of their own, so the accept page never loads them
  route('/admin/:orgId/members', async () => (await import('./console/members/members-page.tsx')).default),
  route('/admin/:orgId/(invitations|join-links)', async () => (await import('./console/invitations/invitations-page.tsx')).default),
  route('/admin/:orgId/teams', async () => (await import('./console/teams/teams-page.tsx')).default),
  route('/admin/:orgId/settings', async () => (await import('./console/settings/settings-page.tsx')).default),
  route('/admin/:orgId/audit', async () => (await import('./console/audit/audit-page.tsx')).default),
];

const loaded = signal<{ path: string; page: Page; params: Record<string, string> } | null>(null);
const loadFailed = signal(false);

function useRoute() {
  const path = current.value.path;
  // addresses that only lead elsewhere: the root, and an org's console without a section
  const redirect = path === '/' ? '/organizations' : /^\/admin\/[^/]+\/?$/.test(path) ? `${path.replace(/\/$/, '')}/members` : null;
  const found = match(routes, path);
  // a layout effect runs as the page is drawn, where useEffect waits for the next frame: the page the
  // address names starts loading at once (the accept page's preview is on its way already)
  useLayoutEffect(() => {
    if (redirect) return navigate(redirect, { replace: true });
    if (!found) {
      loaded.value = null;
      return;
    }
    let live = true;
    found.route.page().then(
      (page) => {
        if (live) loaded.value = { path, page, params: found.params };
      },
      () => {
        if (live) loadFailed.value = true;
      },
    );
    return () => {
      live = false;
    };
  }, [path]);
  return {
    known: redirect !== null || found !== undefined,
    view: loaded.value?.path === path ? loaded.value : null,
  };
}

function Header() {
  const u = user.value;
  const path = current.value.path;
  const nav = [
    { href: '/organizations', label: t.nav.organizations },
    { href: '/invitations', label: t.nav.invitations },
    { href: '/account', label: t.nav.account },
  ];
  return (
    <header class="site-header">
      <a class="brand" href="/organizations">
        {t.appName}
      </a>
      {u && (
        <nav aria-label={t.nav.label}>
          <ul>
            {nav.map((n) => (
              <li key={n.href}>
                <Link href={n.href} aria-current={path.startsWith(n.href) ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div class="session">
        {u ? (
          <>
            <span class="who">{t.nav.signedInAs(u.profile.email ?? '')}</span>
            <button type="button" class="link" onClick={() => void signOutEverywhere()}>
              {t.nav.signOut}
            </button>
          </>
        ) : (
          path !== '/accept' &&
          path !== '/signin/callback' && (
            <button type="button" class="link" onClick={() => void signIn(path)}>
              {sessionExpired.value ? t.session.signInAgain : t.nav.signIn}
            </button>
          )
        )}
      </div>
    </header>
  );
}

export function App() {
  const { known, view } = useRoute();
  return (
    <>
      <a class="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {!known ? (
          <NotFound />
        ) : loadFailed.value ? (
          <p role="alert">{t.errors.network}</p>
        ) : view ? (
          <view.page params={view.params} />
        ) : (
          <p role="status" class="loading">
            {t.loading}
          </p>
        )}
      </main>
    </>
  );
}

function NotFound() {
  useEffect(() => {
    document.title = `${t.notFound.title} · ${t.appName}`;
  }, []);
  return (
    <section>
      <h1>{t.notFound.title}</h1>
      <p>{t.notFound.body}</p>
      <p>
        <Link href="/organizations">{t.notFound.home}</Link>
      </p>
    </section>
  );
}
