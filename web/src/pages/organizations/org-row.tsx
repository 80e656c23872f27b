import { Link } from '../../router.tsx';
import { t } from '../../strings.ts';
import { m } from '../../strings-member.ts';
import { CURRENT_ORG, leaveError, leaving, type MyOrg } from './state.ts';

export function OrgRow(props: { org: MyOrg }) {
  const o = props.org;
  const isCurrent = sessionStorage.getItem(CURRENT_ORG) === o.orgId;
  const headingId = `org-${o.orgId}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {o.status === 'active' ? (
          <Link href={`/orgs/${encodeURIComponent(o.orgId)}`} aria-label={m.organizations.open(o.name)}>
            {o.name}
          </Link>
        ) : (
          o.name
        )}
        {isCurrent && <span class="badge">{m.organizations.current}</span>}
      </h2>
      <dl class="facts inline">
        <div>
          <dt>{m.organizations.role}</dt>
          <dd>{t.role(o.role)}</dd>
        </div>
        <div>
          <dt>{m.organizations.status}</dt>
          <dd>{m.organizations.statuses[o.status] ?? o.status}</dd>
        </div>
        <div>
          <dt>{m.organizations.joined}</dt>
          <dd>
            <time dateTime={o.joinedAt}>{t.date(o.joinedAt)}</time>
          </dd>
        </div>
      </dl>
      {o.status === 'suspended' && <p class="hint">{m.organizations.suspendedNote}</p>}
      <div class="actions">
        <button
          type="button"
          class="secondary"
          aria-label={m.organizations.leaveLabel(o.name)}
          onClick={() => {
            leaveError.value = null;
            leaving.value = o;
          }}
        >
          {m.organizations.leave}
        </button>
      </div>
    </li>
  );
}
