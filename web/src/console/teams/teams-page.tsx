import { useState } from 'preact/hooks';
import { t } from '../../strings.ts';
import { c } from '../../strings-console.ts';
import { ConfirmRow } from '../confirm-row.tsx';
import { type Team, teams } from '../context.ts';
import { date } from '../dates.ts';
import { InputField, ToolbarForm } from '../fields.tsx';
import { consolePage } from '../frame.tsx';
import { InviteButton } from '../invite/invite-dialog.tsx';
import { ActionNoticeView } from '../page-actions.tsx';
import { DataTable } from '../table-scroll.tsx';
import { busy, createTeam, deleteTeam, notice, renameTeam } from './state.ts';
import { TeamPanel } from './team-panel.tsx';

export default consolePage('teams', Teams);

function Teams(props: { orgId: string }) {
  const [name, setName] = useState('');
  const [open, setOpen] = useState<Team | null>(null);
  const [renaming, setRenaming] = useState<{ team: Team; name: string } | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const col = c.teams.columns;
  // the panel shows the page's notice (the page hides its own meanwhile): it opens without the page's last one
  const openPanel = (team: Team) => {
    notice.value = null;
    setOpen(team);
  };
  return (
    <>
      <ToolbarForm
        label={c.teams.create}
        onSend={() => {
          if (name.trim()) void createTeam(props.orgId, name.trim()).then((ok) => ok && setName(''));
        }}
      >
        <InputField id="team-name" label={c.teams.newName} grow type="text" maxLength={100} required value={name} onValue={setName} />
        <button type="submit" class="primary" disabled={busy.value}>
          {c.teams.create}
        </button>
      </ToolbarForm>
      {!open && <ActionNoticeView notice={notice} />}
      {teams.value.length === 0 ? (
        <p class="empty">{c.teams.empty}</p>
      ) : (
        <DataTable label={c.teams.title} columns={[col.name, col.members, col.created, col.actions]}>
          {teams.value.map((team) => (
            <tr key={team.teamId}>
              <th scope="row">
                {renaming?.team.teamId === team.teamId ? (
                  <ToolbarForm onSend={() => void renameTeam(props.orgId, team, renaming.name.trim()).then((ok) => ok && setRenaming(null))}>
                    <label for={`rename-${team.teamId}`} class="visually-hidden">
                      {c.teams.renameLabel(team.name)}
                    </label>
                    <input
                      id={`rename-${team.teamId}`}
                      type="text"
                      maxLength={100}
                      required
                      value={renaming.name}
                      onInput={(e) => setRenaming({ team, name: e.currentTarget.value })}
                    />
                    <button type="submit" class="primary" disabled={busy.value}>
                      {c.save}
                    </button>
                    <button type="button" class="secondary" onClick={() => setRenaming(null)}>
                      {t.cancel}
                    </button>
                  </ToolbarForm>
                ) : (
                  team.name
                )}
              </th>
              <td>{team.memberCount}</td>
              <td>
                <time dateTime={team.createdAt}>{date(team.createdAt)}</time>
              </td>
              <td>
                <div class="row-actions">
                  <button type="button" class="secondary" aria-label={c.teams.openLabel(team.name)} onClick={() => openPanel(team)}>
                    {c.teams.open}
                  </button>
                  <InviteButton
                    orgId={props.orgId}
                    teamId={team.teamId}
                    label={c.teams.invite}
                    ariaLabel={c.teams.inviteLabel(team.name)}
                    onDone={() => undefined}
                  />
                  <button type="button" class="secondary" aria-label={c.teams.renameLabel(team.name)} onClick={() => setRenaming({ team, name: team.name })}>
                    {c.teams.rename}
                  </button>
                  <button type="button" class="secondary" aria-label={c.teams.deleteLabel(team.name)} onClick={() => setDeleting(team)}>
                    {c.teams.delete}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <TeamPanel orgId={props.orgId} team={open} onClose={() => setOpen(null)} />
      <ConfirmRow
        row={deleting}
        title={(team) => c.teams.confirmDeleteTitle(team.name)}
        confirmLabel={c.teams.confirmDeleteButton}
        busy={busy.value}
        onConfirm={(team) => deleteTeam(props.orgId, team)}
        onClose={() => setDeleting(null)}
      >
        <p>{c.teams.confirmDelete}</p>
      </ConfirmRow>
    </>
  );
}
