import { Empty } from '../../common/empty.tsx';
import { m } from '../../strings-member.ts';
import { teams } from './state.ts';

export function TeamList() {
  const list = teams.value;
  return (
    <section aria-labelledby="teams-heading">
      <h2 id="teams-heading">{m.org.teams}</h2>
      {list === null ? (
        <p class="hint">{m.org.teamsHidden}</p>
      ) : list.length === 0 ? (
        <Empty>{m.org.noTeams}</Empty>
      ) : (
        <ul class="chips">
          {list.map((team) => (
            <li key={team.teamId}>
              {team.name} <span class="count">({m.org.memberCount(team.memberCount)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
