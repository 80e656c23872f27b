import type { Signal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { messageFor } from '../api/errors.ts';
import { PageHeading } from './page-heading.tsx';
import { ErrorMessage, Loading } from './status.tsx';

/**
 * The phases of a page opened from a link with a token (an invitation's /accept, a join link's
 * /join): its preview loading, no token in the address, the preview failed, the preview to act on,
 * or an outcome (what happened instead, with the preview when there was one).
 */
export type TokenPagePhase<Preview, Outcome> =
  | { kind: 'loading' }
  | { kind: 'no-token' }
  | { kind: 'preview'; preview: Preview }
  | { kind: 'outcome'; outcome: Outcome; preview?: Preview | undefined }
  | { kind: 'failed'; message: string };

/**
 * Reads such a page's preview into `phase`: no token, or loading, then the phase `read` makes of the
 * answer; a refusal `outcomeOf` knows is that outcome, any other failure is said in words (with a retry).
 */
export async function loadTokenPreview<Preview, Outcome>(
  phase: Signal<TokenPagePhase<Preview, Outcome>>,
  token: string | null,
  read: (token: string) => Promise<TokenPagePhase<Preview, Outcome>>,
  outcomeOf: (error: unknown) => Outcome | undefined,
) {
  if (!token) return void (phase.value = { kind: 'no-token' });
  phase.value = { kind: 'loading' };
  try {
    phase.value = await read(token);
  } catch (error) {
    const outcome = outcomeOf(error);
    phase.value = outcome ? { kind: 'outcome', outcome } : { kind: 'failed', message: messageFor(error) };
  }
}

/**
 * Such a page: its status until there is a preview or an outcome (loading, no token in the address,
 * the preview failed, with a retry), then a card with the preview to act on or the outcome, and the
 * error of an action that failed.
 */
export function TokenLanding<Preview, Outcome>(props: {
  phase: TokenPagePhase<Preview, Outcome>;
  s: { title: string; noToken: string };
  onRetry: () => void;
  error: string | null;
  Preview: ComponentType<{ preview: Preview }>;
  Outcome: ComponentType<{ outcome: Outcome; preview?: Preview | undefined }>;
}) {
  const { phase: p, s } = props;
  return (
    <section class="accept">
      {p.kind === 'loading' ? (
        <>
          <h1>{s.title}</h1>
          <Loading />
        </>
      ) : p.kind === 'no-token' || p.kind === 'failed' ? (
        <>
          <PageHeading title={s.title} />
          {p.kind === 'no-token' ? <p>{s.noToken}</p> : <ErrorMessage onRetry={props.onRetry}>{p.message}</ErrorMessage>}
        </>
      ) : null}
      {p.kind === 'preview' && (
        <div class="card">
          <props.Preview preview={p.preview} />
        </div>
      )}
      {p.kind === 'outcome' && (
        <div class="card">
          <props.Outcome outcome={p.outcome} preview={p.preview} />
        </div>
      )}
      {props.error && <ErrorMessage>{props.error}</ErrorMessage>}
    </section>
  );
}
