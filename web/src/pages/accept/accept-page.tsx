import { useLayoutEffect } from 'preact/hooks';
import { PageHeading } from '../../components/page-heading.tsx';
import { ErrorMessage } from '../../components/status.tsx';
import { TokenLandingStatus } from '../../components/token-landing.tsx';
import { t } from '../../strings.ts';
import { AnswerButtons } from './answer-buttons.tsx';
import { InvitationCard } from './invitation-card.tsx';
import { OutcomeView } from './outcome-view.tsx';
import { actionError, loadPreview, phase } from './state.ts';

/** /accept?token=…: where the invitation email's link lands. */
export default function AcceptPage() {
  // not useEffect, which waits for the next frame: the preview's answer is often already in (preview-early.ts)
  useLayoutEffect(() => void loadPreview(), []);
  const p = phase.value;
  return (
    <section class="accept">
      <TokenLandingStatus phase={p} s={t.accept} onRetry={loadPreview} />
      {p.kind === 'preview' && (
        <div class="card">
          <PageHeading title={t.accept.title}>{t.accept.invitedTo(p.preview.orgName)}</PageHeading>
          <InvitationCard preview={p.preview} />
          <AnswerButtons preview={p.preview} />
          <p class="hint">{t.accept.scannerNote}</p>
        </div>
      )}
      {p.kind === 'outcome' && (
        <div class="card">
          <OutcomeView outcome={p.outcome} preview={p.preview} />
        </div>
      )}
      {actionError.value && <ErrorMessage>{actionError.value}</ErrorMessage>}
    </section>
  );
}
