import { Form, SubmitRow } from '../../common/form.tsx';
import { ListMessage, orgLinks } from '../../common/list-message.tsx';
import { ErrorMessage } from '../../components/status.tsx';
import { m } from '../../strings-member.ts';
import { blockingOrgs, deleteAccount, deleteError, deleting, understood } from './state.ts';

export function DeleteAccount() {
  return (
    <section aria-labelledby="delete-heading" class="danger-zone">
      <h2 id="delete-heading">{m.account.deleteTitle}</h2>
      <p>{m.account.deleteIntro}</p>
      <Form onSend={() => void deleteAccount()}>
        <label class="check">
          <input type="checkbox" checked={understood.value} onChange={(e) => (understood.value = e.currentTarget.checked)} />
          {m.account.deleteConfirmLabel}
        </label>
        <SubmitRow class="danger" disabled={!understood.value || deleting.value}>
          {deleting.value ? m.account.deleting : m.account.deleteButton}
        </SubmitRow>
      </Form>
      {blockingOrgs.value.length > 0 && (
        <ListMessage alert text={m.account.lastAdmin}>
          {orgLinks(blockingOrgs.value)}
        </ListMessage>
      )}
      {deleteError.value && <ErrorMessage>{deleteError.value}</ErrorMessage>}
    </section>
  );
}
