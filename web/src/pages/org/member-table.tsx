import { user } from '../../auth/session.ts';
import { t } from '../../strings.ts';
import { m } from '../../strings-member.ts';
import { loadMoreMembers, members, moreBusy, nextCursor } from './state.ts';

/** Read-only for members and viewers; the admin console (issue 20) builds its editable table on this one. */
export function MemberTable(props: { orgId: string }) {
  const self = user.value?.profile.sub;
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">{m.org.members}</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{m.org.name}</th>
              <th scope="col">{m.org.email}</th>
              <th scope="col">{m.org.role}</th>
              <th scope="col">{m.org.joined}</th>
            </tr>
          </thead>
          <tbody>
            {members.value.map((x) => (
              <tr key={x.userId}>
                <th scope="row" data-label={m.org.name}>
                  {x.name}
                  {x.userId === self && (
                    <>
                      {' '}
                      <span class="hint">{m.org.you}</span>
                    </>
                  )}
                </th>
                <td data-label={m.org.email}>{x.email}</td>
                <td data-label={m.org.role}>{t.role(x.role)}</td>
                <td data-label={m.org.joined}>
                  <time dateTime={x.joinedAt}>{t.date(x.joinedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextCursor.value && (
        <button type="button" class="secondary" disabled={moreBusy.value} onClick={() => void loadMoreMembers(props.orgId)}>
          {m.org.showMore}
        </button>
      )}
    </section>
  );
}
