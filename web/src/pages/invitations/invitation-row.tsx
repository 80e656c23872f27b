import { t } from '../../strings.ts';
import { m } from '../../strings-member.ts';
import { acceptOne, busy, type MyInvitation } from './state.ts';

export function InvitationRow(props: { invitation: MyInvitation }) {
  const i = props.invitation;
  const headingId = `inv-${i.invitationId}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{i.orgName}</h2>
      <p>
        {m.invitations.asRole(t.role(i.role))} · {m.invitations.from(i.invitedBy.name ?? '')} ·{' '}
        <time dateTime={i.expiresAt}>{m.invitations.expires(t.dateTime(i.expiresAt))}</time>
      </p>
      <div class="actions">
        <button
          type="button"
          class="primary"
          aria-label={`${m.invitations.accept} ${i.orgName}`}
          disabled={busy.value !== null}
          onClick={() => void acceptOne(i.invitationId)}
        >
          {m.invitations.accept}
        </button>
      </div>
    </li>
  );
}
