import { Facts } from '../../components/facts.tsx';
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
      <Facts
        inline
        facts={[
          [m.organizations.role, t.role(o.role)],
          [m.organizations.status, m.organizations.statuses[o.status] ?? o.status],
          [m.organizations.joined, <time dateTime={o.joinedAt}>{t.date(o.joinedAt)}</time>],
        ]}
      />
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
