import { user } from '../../auth/session.ts';
import { t } from '../../strings.ts';
import { loadMoreMembers, members, moreBusy, nextCursor } from './state.ts';

/** Read-only for members and viewers; the admin console (issue 20) builds its editable table on this one. */
export function MemberTable(props: { orgId: string }) {
  const self = user.value?.profile.sub;
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">{t.org.members}</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr><th scope="col">{t.org.name}</th><th scope="col">{t.org.email}</th><th scope="col">{t.org.role}</th><th scope="col">{t.org.joined}</th></tr>
          </thead>
          <tbody>
            {members.value.map((m) => (
              <tr key={m.userId}>
                <th scope="row">{m.name}{m.userId === self && <> <span class="hint">{t.org.you}</span></>}</th>
                <td>{m.email}</td>
                <td>{t.role(m.role)}</td>
                <td><time dateTime={m.joinedAt}>{t.date(m.joinedAt)}</time></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextCursor.value && (
        <button type="button" class="secondary" disabled={moreBusy.value} onClick={() => void loadMoreMembers(props.orgId)}>{t.org.showMore}</button>
      )}
    </section>
  );
}
