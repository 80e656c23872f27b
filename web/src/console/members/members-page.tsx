import { useEffect, useState } from 'preact/hooks';
import { user } from '../../auth/session.ts';
import { ErrorMessage, Loading, Notice } from '../../components/status.tsx';
import { t } from '../../strings.ts';
import { c } from '../../strings-console.ts';
import { hasEnded } from '../access-until.ts';
import { loadContext, org, teamName } from '../context.ts';
import { date, dateTime, endsIn } from '../dates.ts';
import { ShowMore } from '../fields.tsx';
import { consolePage } from '../frame.tsx';
import { InviteButton } from '../invite/invite-dialog.tsx';
import { DataTable } from '../table-scroll.tsx';
import { MemberFilters } from './member-filters.tsx';
import { MemberPanel, panelFor } from './member-panel.tsx';
import { listError, listState, loadMembers, loadMoreMembers, type Member, moreBusy, nextCursor, openMembers, pageNotice, rows } from './state.ts';

export default consolePage('members', Members, openMembers);

function Members(props: { orgId: string }) {
  return (
    <>
      <div class="head-actions">
        <p class="count">{org.value ? c.members.count(org.value.counts.members) : ''}</p>
        <div class="row-actions">
          {org.value && !org.value.primaryContactUserId && (
            <InviteButton
              orgId={props.orgId}
              primaryContact
              label={c.invite.primaryButton}
              onDone={() => {
                void loadContext(props.orgId, true);
                void loadMembers(props.orgId);
              }}
            />
          )}
          <InviteButton orgId={props.orgId} onDone={() => void loadMembers(props.orgId)} />
        </div>
      </div>
      <MemberFilters onApply={() => void loadMembers(props.orgId)} />
      {pageNotice.value && <Notice>{pageNotice.value}</Notice>}
      {listState.value === 'loading' && <Loading />}
      {listState.value === 'failed' && <ErrorMessage onRetry={() => void loadMembers(props.orgId)}>{listError.value}</ErrorMessage>}
      {listState.value === 'ready' && (rows.value.length === 0 ? <p class="empty">{c.members.empty}</p> : <MemberTable />)}
      {listState.value === 'ready' && nextCursor.value && (
        <ShowMore busy={moreBusy.value} onMore={() => void loadMoreMembers(props.orgId)}>
          {c.showMore}
        </ShowMore>
      )}
      <MemberPanel orgId={props.orgId} onChanged={(message) => (pageNotice.value = message)} />
    </>
  );
}

function MemberTable() {
  const self = user.value?.profile.sub;
  const col = c.members.columns;
  const products = new Map((org.value?.settings.products ?? []).map((p) => [p.key, p.name]));
  // an end of access passes by itself: "ends in 2 hours" becomes "ended" without a reload
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <DataTable
      label={c.members.title}
      columns={[col.name, col.email, col.role, col.status, col.teams, products.size > 0 && col.products, col.joined, col.accessUntil, col.actions]}
    >
      {rows.value.map((x: Member) => (
        <tr key={x.userId}>
          <th scope="row">
            {x.name || x.email}
            {x.userId === self && (
              <>
                {' '}
                <span class="hint">{c.members.you}</span>
              </>
            )}
            {x.primaryContact && (
              <>
                {' '}
                <span class="badge">{c.members.primaryContact}</span>
              </>
            )}
          </th>
          <td>{x.email}</td>
          <td>{t.role(x.role)}</td>
          <td>{hasEnded(x.accessUntil, now) ? c.statuses.ended : c.statuses[x.status]}</td>
          <td>{x.teams.map(teamName).join(', ')}</td>
          {products.size > 0 && <td>{(x.products ?? []).map((p) => products.get(p) ?? p).join(', ')}</td>}
          <td>
            <time dateTime={x.joinedAt}>{date(x.joinedAt)}</time>
          </td>
          <td>
            {x.accessUntil ? (
              <>
                <time dateTime={x.accessUntil}>{dateTime(x.accessUntil)}</time>
                <span class="reason">{endsIn(x.accessUntil, now)}</span>
              </>
            ) : (
              '—'
            )}
          </td>
          <td>
            <button type="button" class="secondary" aria-label={c.members.manage(x.name || x.email)} onClick={() => (panelFor.value = x)}>
              {c.members.manageButton}
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
