import { ErrorMessage } from '../../components/status.tsx';
import { Link } from '../../router.tsx';
import { m } from '../../strings-member.ts';
import { blockingOrgs, deleteAccount, deleteError, deleting, understood } from './state.ts';

export function DeleteAccount() {
  return (
    <section aria-labelledby="delete-heading" class="danger-zone">
      <h2 id="delete-heading">{m.account.deleteTitle}</h2>
      <p>{m.account.deleteIntro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void deleteAccount();
        }}
      >
        <label class="check">
          <input type="checkbox" checked={understood.value} onChange={(e) => (understood.value = e.currentTarget.checked)} />
          {m.account.deleteConfirmLabel}
        </label>
        <div class="actions">
          <button type="submit" class="danger" disabled={!understood.value || deleting.value}>
            {deleting.value ? m.account.deleting : m.account.deleteButton}
          </button>
        </div>
      </form>
      {blockingOrgs.value.length > 0 && (
        <div role="alert" class="alert">
          <p>{m.account.lastAdmin}</p>
          <ul>
            {blockingOrgs.value.map((o) => (
              <li key={o.orgId}>
                <Link href={`/orgs/${encodeURIComponent(o.orgId)}`}>{o.name}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {deleteError.value && <ErrorMessage>{deleteError.value}</ErrorMessage>}
    </section>
  );
}
