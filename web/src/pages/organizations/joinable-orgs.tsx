import { ErrorMessage } from '../../components/status.tsx';
import { t } from '../../strings.ts';
import { m } from '../../strings-member.ts';
import { join, joinable, joinError, joiningId } from './state.ts';

/** The orgs I may join by my email's domain (auto-join): shown only when there is one. */
export function JoinableOrgs() {
  const list = joinable.value;
  if (list.length === 0 && !joinError.value) return null;
  return (
    <section aria-labelledby="joinable-heading">
      <h2 id="joinable-heading">{m.organizations.joinableTitle}</h2>
      <p>{m.organizations.joinableIntro}</p>
      {joinError.value && <ErrorMessage>{joinError.value}</ErrorMessage>}
      <ul class="cards">
        {list.map((o) => (
          <li key={o.orgId} class="card" aria-labelledby={`joinable-${o.orgId}`}>
            <h3 id={`joinable-${o.orgId}`}>{o.name}</h3>
            <p>{m.organizations.joinAs(t.role(o.role).toLowerCase())}</p>
            <div class="actions">
              <button type="button" aria-label={m.organizations.joinLabel(o.name)} disabled={joiningId.value !== null} onClick={() => void join(o)}>
                {joiningId.value === o.orgId ? m.organizations.joining : m.organizations.join}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
