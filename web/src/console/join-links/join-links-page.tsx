import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { Loading } from '../../components/status.tsx';
import { t } from '../../strings.ts';
import { c } from '../../strings-console.ts';
import { dateTime } from '../dates.ts';
import { ConsoleFrame } from '../frame.tsx';
import { ActionNoticeView } from '../page-actions.tsx';
import { DataTable } from '../table-scroll.tsx';
import {
  busy,
  createdUrl,
  createLink,
  decide,
  type JoinLink,
  links,
  linksCursor,
  listState,
  loadJoinLinks,
  loadMore,
  moreBusy,
  notice,
  parseDomains,
  requests,
  requestsCursor,
  revokeLink,
} from './state.ts';

export default function JoinLinksPage(props: { params: Record<string, string> }) {
  const orgId = props.params.orgId ?? '';
  return (
    <ConsoleFrame
      orgId={orgId}
      tab="join-links"
      open={(id) => {
        createdUrl.value = null;
        notice.value = null;
        void loadJoinLinks(id);
      }}
    >
      {() => <JoinLinks orgId={orgId} />}
    </ConsoleFrame>
  );
}

function JoinLinks(props: { orgId: string }) {
  const w = c.joinLinks;
  const [revoking, setRevoking] = useState<JoinLink | null>(null);
  return (
    <>
      <p>{w.intro}</p>
      <CreateForm orgId={props.orgId} />
      <ActionNoticeView notice={notice} />
      {createdUrl.value && (
        <>
          <div class="toolbar">
            <div class="field grow">
              <label for="join-link-url">{w.urlLabel}</label>
              <input
                id="join-link-url"
                type="text"
                readOnly
                value={createdUrl.value}
                aria-describedby="join-link-once"
                onFocus={(e) => e.currentTarget.select()}
              />
            </div>
          </div>
          <p class="hint" id="join-link-once">
            {w.shownOnce}
          </p>
        </>
      )}
      <h2>{w.requestsTitle}</h2>
      {listState.value === 'loading' ? (
        <Loading />
      ) : requests.value.length === 0 ? (
        <p class="empty">{w.noRequests}</p>
      ) : (
        <DataTable label={w.requestsTitle} columns={[w.col.person, w.col.role, w.col.requested, w.col.actions]}>
          {requests.value.map((r) => (
            <tr key={r.requestId}>
              <th scope="row">{r.name ? `${r.name} (${r.email})` : r.email}</th>
              <td>{t.role(r.role)}</td>
              <td>
                <time dateTime={r.requestedAt}>{dateTime(r.requestedAt)}</time>
              </td>
              <td>
                <div class="row-actions">
                  <button
                    type="button"
                    class="primary"
                    disabled={busy.value}
                    aria-label={w.approveLabel(r.email)}
                    onClick={() => void decide(props.orgId, r, 'approve')}
                  >
                    {w.approve}
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    disabled={busy.value}
                    aria-label={w.denyLabel(r.email)}
                    onClick={() => void decide(props.orgId, r, 'deny')}
                  >
                    {w.deny}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {listState.value === 'ready' && requestsCursor.value && <MoreButton orgId={props.orgId} which="requests" label={w.moreRequests} />}
      <h2>{w.linksTitle}</h2>
      {listState.value === 'loading' ? (
        <Loading />
      ) : links.value.length === 0 ? (
        <p class="empty">{w.noLinks}</p>
      ) : (
        <DataTable label={w.linksTitle} columns={[w.col.created, w.col.role, w.col.uses, w.col.expires, w.col.status, w.col.actions]}>
          {links.value.map((l) => (
            <tr key={l.linkId}>
              <th scope="row">
                <time dateTime={l.createdAt}>{dateTime(l.createdAt)}</time>
                {` · ${c.actorName(l.createdBy)}`}
              </th>
              <td>
                {t.role(l.role)}
                {l.requireApproval ? ` · ${w.approval}` : ''}
                {l.allowedDomains.length ? ` · ${l.allowedDomains.join(', ')}` : ''}
              </td>
              <td>{l.maxUses === null ? String(l.uses) : `${l.uses} / ${l.maxUses}`}</td>
              <td>
                <time dateTime={l.expiresAt}>{dateTime(l.expiresAt)}</time>
              </td>
              <td>{w.statuses[l.status]}</td>
              <td>
                {l.status === 'active' && (
                  <button type="button" class="secondary" aria-label={w.revokeLabel(dateTime(l.createdAt))} onClick={() => setRevoking(l)}>
                    {w.revoke}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {listState.value === 'ready' && linksCursor.value && <MoreButton orgId={props.orgId} which="links" label={w.moreLinks} />}
      <ConfirmDialog
        open={revoking !== null}
        title={w.confirmRevokeTitle}
        confirmLabel={w.revoke}
        danger
        busy={busy.value}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) void revokeLink(props.orgId, revoking).then(() => setRevoking(null));
        }}
      >
        <p>{w.confirmRevoke}</p>
      </ConfirmDialog>
    </>
  );
}

function MoreButton(props: { orgId: string; which: 'links' | 'requests'; label: string }) {
  return (
    <p>
      <button type="button" class="secondary" disabled={moreBusy.value !== null} onClick={() => void loadMore(props.orgId, props.which)}>
        {props.label}
      </button>
    </p>
  );
}

function CreateForm(props: { orgId: string }) {
  const w = c.joinLinks;
  const [role, setRole] = useState<'member' | 'viewer'>('member');
  const [maxUses, setMaxUses] = useState('');
  const [days, setDays] = useState('7');
  const [requireApproval, setRequireApproval] = useState(false);
  const [domains, setDomains] = useState('');
  return (
    <form
      class="toolbar"
      aria-label={w.create}
      onSubmit={(e) => {
        e.preventDefault();
        void createLink(props.orgId, {
          role,
          days: Number(days),
          requireApproval,
          allowedDomains: parseDomains(domains),
          ...(maxUses ? { maxUses: Number(maxUses) } : {}),
        });
      }}
    >
      <div class="field">
        <label for="jl-role">{w.col.role}</label>
        <select id="jl-role" value={role} onChange={(e) => setRole(e.currentTarget.value as 'member' | 'viewer')}>
          <option value="member">{t.role('member')}</option>
          <option value="viewer">{t.role('viewer')}</option>
        </select>
      </div>
      <div class="field">
        <label for="jl-uses">{w.maxUses}</label>
        <input
          id="jl-uses"
          type="number"
          min={1}
          max={10000}
          step={1}
          value={maxUses}
          placeholder={w.unlimited}
          onInput={(e) => setMaxUses(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="jl-days">{w.days}</label>
        <input id="jl-days" type="number" min={1} max={90} step={1} required value={days} onInput={(e) => setDays(e.currentTarget.value)} />
      </div>
      <div class="field grow">
        <label for="jl-domains">{w.domains}</label>
        <span class="hint" id="jl-domains-hint">
          {w.domainsHint}
        </span>
        <input
          id="jl-domains"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          value={domains}
          aria-describedby="jl-domains-hint"
          onInput={(e) => setDomains(e.currentTarget.value)}
        />
      </div>
      <label class="check">
        <input type="checkbox" checked={requireApproval} onChange={(e) => setRequireApproval(e.currentTarget.checked)} /> {w.requireApproval}
      </label>
      <button type="submit" class="primary" disabled={busy.value}>
        {w.create}
      </button>
    </form>
  );
}
