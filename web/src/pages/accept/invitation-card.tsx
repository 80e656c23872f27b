import { Facts } from '../../components/facts.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { t } from '../../strings.ts';
import { AnswerButtons } from './answer-buttons.tsx';
import type { Preview } from './state.ts';

/**
 * The invitation to answer: who invites whom to what, until when (what the invitation email said,
 * read back from the API), and the buttons that answer it.
 */
export function InvitationCard({ preview: p }: { preview: Preview }) {
  return (
    <>
      <PageHeading title={t.accept.title}>{t.accept.invitedTo(p.orgName)}</PageHeading>
      <Facts
        facts={[
          [t.accept.invitedBy, p.inviterName],
          [t.accept.role, t.role(p.role)],
          [t.accept.sentTo, p.email],
          [t.accept.expires, <time dateTime={p.expiresAt}>{t.dateTime(p.expiresAt)}</time>],
        ]}
      />
      <AnswerButtons preview={p} />
      <p class="hint">{t.accept.scannerNote}</p>
    </>
  );
}
