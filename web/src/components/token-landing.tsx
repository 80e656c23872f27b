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
 * What such a page shows before it has a preview or an outcome of its own: the preview loading, no
 * token in the address, or the preview failed (with a retry). Nothing in the other phases.
 */
export function TokenLandingStatus({
  phase: p,
  s,
  onRetry,
}: {
  phase: TokenPagePhase<unknown, unknown>;
  s: { title: string; noToken: string };
  onRetry: () => void;
}) {
  if (p.kind === 'preview' || p.kind === 'outcome') return null;
  if (p.kind === 'loading') {
    return (
      <>
        <h1>{s.title}</h1>
        <Loading />
      </>
    );
  }
  return (
    <>
      <PageHeading title={s.title} />
      {p.kind === 'no-token' ? <p>{s.noToken}</p> : <ErrorMessage onRetry={onRetry}>{p.message}</ErrorMessage>}
    </>
  );
}
