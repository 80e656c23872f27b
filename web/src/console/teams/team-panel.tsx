import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messageFor } from '../../api/errors.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { c } from '../../strings-console.ts';
import type { Team } from '../context.ts';
import { InputField, ToolbarForm } from '../fields.tsx';
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
            <MemberItem key={m.userId} member={m}>
              <MemberButton label={c.teams.remove} ariaLabel={c.teams.removeLabel} member={m} onClick={() => void removeFromTeam(props.orgId, props.team, m)} />
            </MemberItem>
          ))}
        </ul>
      )}
      <ToolbarForm
        class="panel-section"
        onSend={() => {
          if (q.trim()) void search();
        }}
      >
        <InputField id="team-find" label={c.teams.find} grow type="search" maxLength={100} value={q} onValue={setQ} />
        <button type="submit" class="secondary">
          {c.teams.search}
        </button>
      </ToolbarForm>
      {findError && <ErrorMessage>{findError}</ErrorMessage>}
      {found &&
        (found.length === 0 ? (
          <p class="empty">{c.members.empty}</p>
        ) : (
          <ul class="results" aria-label={c.teams.found}>
            {found.map((m) => (
              <MemberItem key={m.userId} member={m}>
                {inTeam.has(m.userId) ? (
                  <span class="hint">{c.teams.alreadyIn}</span>
                ) : (
                  <MemberButton label={c.teams.add} ariaLabel={c.teams.addLabel} member={m} onClick={() => void addToTeam(props.orgId, props.team, m)} />
                )}
              </MemberItem>
            ))}
          </ul>
        ))}
    </div>
  );
}

/** A member in one of the panel's lists: the name, the email beside it, then what can be done. */
function MemberItem(props: { member: Member; children: ComponentChildren }) {
  const m = props.member;
  return (
    <li>
      {m.name || m.email} <span class="hint">{m.email}</span> {props.children}
    </li>
  );
}

/** Adds a member to the team or removes one, named for that member; one change at a time. */
function MemberButton(props: { label: string; ariaLabel: (name: string) => string; member: Member; onClick: () => void }) {
  return (
    <button type="button" class="secondary" disabled={busy.value} aria-label={props.ariaLabel(props.member.name || props.member.email)} onClick={props.onClick}>
      {props.label}
    </button>
  );
}
