import { t } from '../../strings.ts';
import { acceptOne, busy, type MyInvitation } from './state.ts';

export function InvitationRow(props: { invitation: MyInvitation }) {
  const i = props.invitation;
  const headingId = `inv-${i.invitationId}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{i.orgName}</h2>
      <p>
        {t.invitations.asRole(t.role(i.role))} · {t.invitations.from(i.invitedBy.name ?? '')} ·{' '}
        <time dateTime={i.expiresAt}>{t.invitations.expires(t.dateTime(i.expiresAt))}</time>
      </p>
      <div class="actions">
        <button type="button" class="primary" aria-label={`${t.invitations.accept} ${i.orgName}`} disabled={busy.value !== null} onClick={() => void acceptOne(i.invitationId)}>
          {t.invitations.accept}
        </button>
      </div>
    </li>
  );
}
