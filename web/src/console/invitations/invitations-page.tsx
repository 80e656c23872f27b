import { useEffect, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { current } from '../../router.tsx';
import { t } from '../../strings.ts';
import { c } from '../../strings-console.ts';
import { ConfirmRow } from '../confirm-row.tsx';
import { date, dateTime, expiresIn } from '../dates.ts';
import { SelectField, ShowMore } from '../fields.tsx';
import { consolePage } from '../frame.tsx';
import { InviteButton } from '../invite/invite-dialog.tsx';
import JoinLinksPage from '../join-links/join-links-page.tsx';
import { ActionNoticeView } from '../page-actions.tsx';
import { DataTable } from '../table-scroll.tsx';
import {
  bulk,
  busyRow,
  type Invitation,
  listError,
  listState,
  loadInvitations,
  moreBusy,
  nextCursor,
  notice,
  openInvitations,
  resend,
  resendBlocked,
  revoke,
  rows,
  type Status,
  selected,
  status,
  statuses,
  toggle,
  undeliverable,
} from './state.ts';

const InvitationsPage = consolePage('invitations', Invitations, openInvitations);

function Invitations(props: { orgId: string }) {
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [bulkRevoke, setBulkRevoke] = useState(false);
  // a blocked resend becomes possible again by itself
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const label = c.invitations.statuses[status.value] ?? status.value;
  return (
    <>
      <div class="head-actions">
        <div class="toolbar">
          <SelectField
            id="invitation-status"
            label={c.invitations.filter}
            value={status.value}
            onValue={(v) => {
              status.value = v as Status;
              void loadInvitations(props.orgId);
            }}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {c.invitations.statuses[s]}
              </option>
            ))}
          </SelectField>
        </div>
        <InviteButton orgId={props.orgId} onDone={() => void loadInvitations(props.orgId)} />
      </div>
      {status.value === 'pending' && selected.value.size > 0 && (
        <fieldset class="actions">
          <legend class="visually-hidden">{c.invitations.bulkLabel(selected.value.size)}</legend>
          <button type="button" class="secondary" disabled={busyRow.value !== null} onClick={() => void bulk(props.orgId, 'resend')}>
            {c.invitations.resendSelected(selected.value.size)}
          </button>
          <button type="button" class="secondary" disabled={busyRow.value !== null} onClick={() => setBulkRevoke(true)}>
            {c.invitations.revokeSelected(selected.value.size)}
          </button>
        </fieldset>
      )}
      <ActionNoticeView notice={notice} />
      {listState.value === 'loading' && <Loading />}
      {listState.value === 'failed' && <ErrorMessage onRetry={() => void loadInvitations(props.orgId)}>{listError.value}</ErrorMessage>}
      {listState.value === 'ready' &&
        (rows.value.length === 0 ? (
          <p class="empty">{c.invitations.empty(label)}</p>
        ) : (
          <InvitationTable orgId={props.orgId} now={now} onRevoke={setRevoking} />
        ))}
      {listState.value === 'ready' && nextCursor.value && (
        <ShowMore busy={moreBusy.value} onMore={() => void loadInvitations(props.orgId, nextCursor.peek() ?? undefined)}>
          {c.showMore}
        </ShowMore>
      )}
      <ConfirmDialog
        open={bulkRevoke}
        title={c.invitations.confirmBulkRevokeTitle(selected.value.size)}
        confirmLabel={c.invitations.confirmRevokeButton}
        danger
        busy={busyRow.value !== null}
        onCancel={() => setBulkRevoke(false)}
        onConfirm={() => void bulk(props.orgId, 'revoke').then(() => setBulkRevoke(false))}
      >
        <p>{c.invitations.confirmRevoke}</p>
      </ConfirmDialog>
      <ConfirmRow
        row={revoking}
        title={(inv) => c.invitations.confirmRevokeTitle(inv.email)}
        confirmLabel={c.invitations.confirmRevokeButton}
        busy={busyRow.value !== null}
        onConfirm={(inv) => revoke(props.orgId, inv)}
        onClose={() => setRevoking(null)}
      >
        <p>{c.invitations.confirmRevoke}</p>
      </ConfirmRow>
    </>
  );
}

function InvitationTable(props: { orgId: string; now: number; onRevoke: (inv: Invitation) => void }) {
  const col = c.invitations.columns;
  const pending = status.value === 'pending';
  return (
    <DataTable
      label={c.invitations.title}
      tableLabel={`${c.invitations.title}: ${c.invitations.statuses[status.value]}`}
      columns={[
        pending && <span class="visually-hidden">{col.select}</span>,
        col.email,
        col.role,
        col.invitedBy,
        col.sent,
        col.expires,
        col.delivery,
        col.sends,
        pending && col.actions,
      ]}
    >
      {rows.value.map((inv) => {
        const blockedUntil = resendBlocked.value.get(inv.invitationId) ?? 0;
        const waitSeconds = Math.ceil((blockedUntil - props.now) / 1000);
        const busy = busyRow.value === inv.invitationId;
        return (
          <tr key={inv.invitationId}>
            {pending && (
              <td>
                <input
                  type="checkbox"
                  aria-label={c.invitations.selectLabel(inv.email)}
                  checked={selected.value.has(inv.invitationId)}
                  onChange={(e) => toggle(inv.invitationId, e.currentTarget.checked)}
                />
              </td>
            )}
            <th scope="row">
              {inv.email}
              {inv.accessUntil && <span class="reason">{c.invitations.accessUntil(dateTime(inv.accessUntil))}</span>}
              {inv.renewalRequestedAt && <span class="reason">{c.invitations.renewalRequested}</span>}
            </th>
            <td>{t.role(inv.role)}</td>
            <td>{c.actorName(inv.invitedBy)}</td>
            <td>{inv.lastSentAt ? <time dateTime={inv.lastSentAt}>{date(inv.lastSentAt)}</time> : '—'}</td>
            <td>
              <time dateTime={inv.expiresAt}>{date(inv.expiresAt)}</time>
              {inv.status === 'pending' && <span class="reason">{expiresIn(inv.expiresAt, props.now)}</span>}
            </td>
            <td>
              {inv.delivery ? (c.invitations.delivery[inv.delivery.status] ?? inv.delivery.status) : '—'}
              {inv.delivery?.detail && <span class="reason">{inv.delivery.detail}</span>}
            </td>
            <td>
              {inv.sendsRequested}
              {inv.sendCount !== inv.sendsRequested && <span class="reason">{c.invitations.emailsSent(inv.sendCount)}</span>}
            </td>
            {pending && (
              <td>
                <div class="row-actions">
                  {undeliverable.value.has(inv.invitationId) ? (
                    <button type="button" class="secondary" disabled={busy} onClick={() => void resend(props.orgId, inv, true)}>
                      {c.invitations.resendAnyway}
                    </button>
                  ) : (
                    <button
                      type="button"
                      class="secondary"
                      aria-label={c.invitations.resendLabel(inv.email)}
                      disabled={busy || waitSeconds > 0}
                      aria-describedby={waitSeconds > 0 ? `wait-${inv.invitationId}` : undefined}
                      onClick={() => void resend(props.orgId, inv)}
                    >
                      {c.invitations.resend}
                    </button>
                  )}
                  <button type="button" class="secondary" aria-label={c.invitations.revokeLabel(inv.email)} disabled={busy} onClick={() => props.onRevoke(inv)}>
                    {c.invitations.revoke}
                  </button>
                </div>
                {waitSeconds > 0 && (
                  <span class="reason" id={`wait-${inv.invitationId}`}>
                    {c.invitations.waitFor(waitSeconds)}
                  </span>
                )}
              </td>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}

/**
 * /admin/{orgId}/invitations and /admin/{orgId}/join-links share this chunk and one route (app.tsx):
 * the requests to join are decided beside the invitations.
 */
export default function InvitationsOrJoinLinks(props: { params: Record<string, string> }) {
  return current.value.path.replace(/\/$/, '').endsWith('/join-links') ? <JoinLinksPage {...props} /> : <InvitationsPage {...props} />;
}
