import type { ComponentChildren } from 'preact';
import { t } from '../strings.ts';

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status">
      {props.label ?? t.loading}
    </p>
  );
}

/** An error in words, announced at once. */
export function ErrorMessage(props: { children: ComponentChildren; onRetry?: () => void }) {
  return (
    <div class="alert" role="alert">
      <p>{props.children}</p>
      {props.onRetry && (
        <button type="button" class="secondary" onClick={props.onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

/** A polite confirmation ("You joined Acme."). */
export function Notice(props: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {props.children}
    </p>
  );
}
