import { useState } from 'preact/hooks';
import { Loading } from '../../components/status.tsx';
import { t } from '../../strings.ts';
import { c } from '../../strings-console.ts';
import { ConfirmRow } from '../confirm-row.tsx';
import { dateTime } from '../dates.ts';
import { InputField, SelectField, ShowMore, ToolbarForm } from '../fields.tsx';
import { consolePage } from '../frame.tsx';
import { ActionNoticeView } from '../page-actions.tsx';
import { DataTable } from '../table-scroll.tsx';
import {
  busy,
  createdUrl,
  createLink,
  decide,
  type JoinLink,
  type JoinRequest,
  links,
  linksCursor,
  listState,
  loadMore,
  moreBusy,
  notice,
  openJoinLinks,
  parseDomains,
  requests,
  requestsCursor,
  revokeLink,
} from './state.ts';

export default consolePage('join-links', JoinLinks, openJoinLinks);

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
                  <DecideButton orgId={props.orgId} request={r} decision="approve" />
                  <DecideButton orgId={props.orgId} request={r} decision="deny" />
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
      <ConfirmRow
        row={revoking}
        title={w.confirmRevokeTitle}
        confirmLabel={w.revoke}
        busy={busy.value}
        onConfirm={(link) => revokeLink(props.orgId, link)}
        onClose={() => setRevoking(null)}
      >
        <p>{w.confirmRevoke}</p>
      </ConfirmRow>
    </>
  );
}

function MoreButton(props: { orgId: string; which: 'links' | 'requests'; label: string }) {
  return (
    <ShowMore busy={moreBusy.value !== null} onMore={() => void loadMore(props.orgId, props.which)}>
      {props.label}
    </ShowMore>
  );
}

/** Approve (the primary action) or deny one request to join. */
function DecideButton(props: { orgId: string; request: JoinRequest; decision: 'approve' | 'deny' }) {
  const w = c.joinLinks;
  const r = props.request;
  return (
    <button
      type="button"
      class={props.decision === 'approve' ? 'primary' : 'secondary'}
      disabled={busy.value}
      aria-label={w[`${props.decision}Label`](r.email)}
      onClick={() => void decide(props.orgId, r, props.decision)}
    >
      {w[props.decision]}
    </button>
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
    <ToolbarForm
      label={w.create}
      onSend={() =>
        void createLink(props.orgId, {
          role,
          days: Number(days),
          requireApproval,
          allowedDomains: parseDomains(domains),
          ...(maxUses ? { maxUses: Number(maxUses) } : {}),
        })
      }
    >
      <SelectField id="jl-role" label={w.col.role} value={role} onValue={(v) => setRole(v as 'member' | 'viewer')}>
        <option value="member">{t.role('member')}</option>
        <option value="viewer">{t.role('viewer')}</option>
      </SelectField>
      <InputField id="jl-uses" label={w.maxUses} type="number" min={1} max={10000} step={1} placeholder={w.unlimited} value={maxUses} onValue={setMaxUses} />
      <InputField id="jl-days" label={w.days} type="number" min={1} max={90} step={1} required value={days} onValue={setDays} />
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
    </ToolbarForm>
  );
}
