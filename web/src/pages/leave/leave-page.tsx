import { Form, SubmitRow } from '../../common/form.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ErrorMessage, Notice } from '../../components/status.tsx';
import { current, Link } from '../../router.tsx';
import { m } from '../../strings-member.ts';
import JoinPage from '../join/join-page.tsx';
import { leaveError, leaveWith, leaving, leftOrg } from './state.ts';

/** The page of the one-click leave link in a direct add's email: no sign-in, one button. */
function LeavePage() {
  const token = new URLSearchParams(location.search).get('token');
  const t = m.leaveByLink;
  return (
    <section>
      <PageHeading title={t.title} />
      {leftOrg.value ? (
        <Notice>{t.left(leftOrg.value)}</Notice>
      ) : !token ? (
        <ErrorMessage>{t.missingToken}</ErrorMessage>
      ) : (
        <Form onSend={() => void leaveWith(token)}>
          <p>{t.intro}</p>
          <SubmitRow class="danger" disabled={leaving.value}>
            {leaving.value ? t.leaving : t.button}
          </SubmitRow>
          {leaveError.value && <ErrorMessage>{leaveError.value}</ErrorMessage>}
        </Form>
      )}
      <p>
        <Link href="/organizations">{t.organizations}</Link>
      </p>
    </section>
  );
}

/** /leave and /join share this chunk and one route (app.tsx): each is the page of a link someone was given. */
export default function LinkPage() {
  return current.value.path.startsWith('/join') ? <JoinPage /> : <LeavePage />;
}
