import { Link } from '../../router.tsx';
import { t } from '../../strings.ts';
import { CURRENT_ORG, leaveError, leaving, type MyOrg } from './state.ts';

export function OrgRow(props: { org: MyOrg }) {
  const o = props.org;
  const isCurrent = sessionStorage.getItem(CURRENT_ORG) === o.orgId;
  const headingId = `org-${o.orgId}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {o.status === 'active' ? <Link href={`/orgs/${encodeURIComponent(o.orgId)}`} aria-label={t.organizations.open(o.name)}>{o.name}</Link> : o.name}
        {isCurrent && <span class="badge">{t.organizations.current}</span>}
      </h2>
      <dl class="facts inline">
        <div><dt>{t.organizations.role}</dt><dd>{t.role(o.role)}</dd></div>
        <div><dt>{t.organizations.status}</dt><dd>{t.organizations.statuses[o.status] ?? o.status}</dd></div>
        <div><dt>{t.organizations.joined}</dt><dd><time dateTime={o.joinedAt}>{t.date(o.joinedAt)}</time></dd></div>
      </dl>
      {o.status === 'suspended' && <p class="hint">{t.organizations.suspendedNote}</p>}
      <div class="actions">
        <button type="button" class="secondary" aria-label={t.organizations.leaveLabel(o.name)} onClick={() => { leaveError.value = null; leaving.value = o; }}>
          {t.organizations.leave}
        </button>
      </div>
    </li>
  );
}
