import { useEffect, useState } from 'preact/hooks';
import { messageFor } from '../../api/errors.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { c } from '../../strings-console.ts';
import type { Team } from '../context.ts';
import { Modal } from '../modal.tsx';
import { ActionNoticeView } from '../page-actions.tsx';
import { addToTeam, busy, findMembers, loadTeamMembers, type Member, notice, removeFromTeam, teamMembers, teamMembersState } from './state.ts';

/** A team's members: remove one, or find an existing member by name or email and add them. */
export function TeamPanel(props: { orgId: string; team: Team | null; onClose: () => void }) {
  const team = props.team;
  return (
    <Modal open={team !== null} title={team ? c.teams.panelTitle(team.name) : ''} onClose={props.onClose} wide>
      {team && <Panel key={team.teamId} orgId={props.orgId} team={team} />}
    </Modal>
  );
}

function Panel(props: { orgId: string; team: Team }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Member[] | null>(null);
  const [findError, setFindError] = useState<string | null>(null);
  useEffect(() => void loadTeamMembers(props.orgId, props.team.teamId), [props.team.teamId]);
  const inTeam = new Set(teamMembers.value.map((m) => m.userId));
  const search = async () => {
    setFindError(null);
    try {
      setFound(await findMembers(props.orgId, q.trim()));
    } catch (e) {
      setFindError(messageFor(e));
    }
  };
  return (
    <div aria-busy={busy.value}>
      <ActionNoticeView notice={notice} />
      <h3>{c.teams.membersOf(props.team.name)}</h3>
      {teamMembersState.value === 'loading' ? (
        <Loading />
      ) : teamMembers.value.length === 0 ? (
        <p class="empty">{c.teams.noMembers}</p>
      ) : (
        <ul class="results" aria-label={c.teams.membersOf(props.team.name)}>
          {teamMembers.value.map((m) => (
            <li key={m.userId}>
              {m.name || m.email} <span class="hint">{m.email}</span>{' '}
              <button
                type="button"
                class="secondary"
                disabled={busy.value}
                aria-label={c.teams.removeLabel(m.name || m.email)}
                onClick={() => void removeFromTeam(props.orgId, props.team, m)}
              >
                {c.teams.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="toolbar panel-section"
        onSubmit={(e) => {
          e.preventDefault();
          if (q.trim()) void search();
        }}
      >
        <div class="field grow">
          <label for="team-find">{c.teams.find}</label>
          <input id="team-find" type="search" maxLength={100} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </div>
        <button type="submit" class="secondary">
          {c.teams.search}
        </button>
      </form>
      {findError && <ErrorMessage>{findError}</ErrorMessage>}
      {found &&
        (found.length === 0 ? (
          <p class="empty">{c.members.empty}</p>
        ) : (
          <ul class="results" aria-label={c.teams.found}>
            {found.map((m) => (
              <li key={m.userId}>
                {m.name || m.email} <span class="hint">{m.email}</span>{' '}
                {inTeam.has(m.userId) ? (
                  <span class="hint">{c.teams.alreadyIn}</span>
                ) : (
                  <button
                    type="button"
                    class="secondary"
                    disabled={busy.value}
                    aria-label={c.teams.addLabel(m.name || m.email)}
                    onClick={() => void addToTeam(props.orgId, props.team, m)}
                  >
                    {c.teams.add}
                  </button>
                )}
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
