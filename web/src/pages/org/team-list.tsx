import { Empty } from '../../components/status.tsx';
import { t } from '../../strings.ts';
import { teams } from './state.ts';

export function TeamList() {
  const list = teams.value;
  return (
    <section aria-labelledby="teams-heading">
      <h2 id="teams-heading">{t.org.teams}</h2>
      {list === null ? <p class="hint">{t.org.teamsHidden}</p>
        : list.length === 0 ? <Empty>{t.org.noTeams}</Empty>
        : <ul class="chips">{list.map((team) => <li key={team.teamId}>{team.name} <span class="count">({t.org.memberCount(team.memberCount)})</span></li>)}</ul>}
    </section>
  );
}
