import { useLayoutEffect } from 'preact/hooks';
import { TokenLanding } from '../../components/token-landing.tsx';
import { t } from '../../strings.ts';
import { InvitationCard } from './invitation-card.tsx';
import { OutcomeView } from './outcome-view.tsx';
import { actionError, loadPreview, phase } from './state.ts';

/** /accept?token=…: where the invitation email's link lands. */
export default function AcceptPage() {
  // not useEffect, which waits for the next frame: the preview's answer is often already in (preview-early.ts)
  useLayoutEffect(() => void loadPreview(), []);
  return <TokenLanding phase={phase.value} s={t.accept} onRetry={loadPreview} error={actionError.value} Preview={InvitationCard} Outcome={OutcomeView} />;
}
