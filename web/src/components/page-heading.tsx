import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { navigated } from '../router.tsx';
import { t } from '../strings.ts';

/**
 * The page's h1 (the title, unless children say more) and the document title; after an in-app
 * navigation it takes focus, so screen readers announce the new page.
 */
export function PageHeading(props: { children?: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · ${t.appName}`;
    if (navigated.peek()) ref.current?.focus();
  }, [props.title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {props.children ?? props.title}
    </h1>
  );
}
