import { signal } from '@preact/signals';
import type { ComponentChildren, ComponentType, JSX } from 'preact';

export interface Location {
  path: string;
  query: URLSearchParams;
}

const read = (): Location => ({ path: location.pathname, query: new URLSearchParams(location.search) });

/** The current address; pages read it, `navigate` changes it. */
export const current = signal<Location>(read());
/** Whether the page was reached by an in-app navigation (headings then take focus for screen readers). */
export const navigated = signal(false);

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  navigated.value = true;
  current.value = read();
  scrollTo(0, 0);
}

/**
 * The token of the link a page was opened with (an invitation's /accept, a join link's /join). It
 * leaves the address bar as soon as it is read (history, screenshots, a shared screen: the address
 * becomes `path`, without a navigation) and waits in this tab's sessionStorage under `key`: through a
 * sign-in redirect or an account switch, until the page is done with it.
 */
export function linkToken(key: string, path: string): string | null {
  const fromLink = current.peek().query.get('token');
  if (fromLink) {
    sessionStorage.setItem(key, fromLink);
    history.replaceState(null, '', path);
    current.value = read();
  }
  return sessionStorage.getItem(key);
}

addEventListener('popstate', () => {
  navigated.value = true;
  current.value = read();
});

export type Page = ComponentType<{ params: Record<string, string> }>;
export interface Route {
  pattern: RegExp;
  names: string[];
  page: () => Promise<Page>;
}

/** `/orgs/:orgId` -> a route that loads its page on first use (one chunk per page). */
export function route(path: string, page: () => Promise<Page>): Route {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/:(\w+)/g, (_, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}/?$`,
  );
  return { pattern, names, page };
}

export function match(routes: Route[], path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (m) return { route: r, params: Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')])) };
  }
  return undefined;
}

/** An in-app link: a real <a href> (open in a new tab works), handled without a reload. */
export function Link(props: { href: string; children: ComponentChildren } & Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const { href, children, ...rest } = props;
  return (
    <a
      {...rest}
      href={href}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
