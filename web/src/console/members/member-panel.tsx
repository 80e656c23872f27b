import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, call } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { user } from '../../auth/session.ts';
import { ErrorMessage, Notice } from '../../components/status.tsx';
import { t } from '../../strings.ts';
import { c } from '../../strings-console.ts';
import { hasEnded } from '../access-until.ts';
import { loadContext, org, teams } from '../context.ts';
import { dateTime } from '../dates.ts';
import { CheckList } from '../fields.tsx';
import { Modal } from '../modal.tsx';
import { AccessUntilSection } from './access-until-section.tsx';
import { dropRow, type Member, replaceRow } from './state.ts';

/** The member whose panel is open. */
export const panelFor = signal<Member | null>(null);

/**
 * A member's panel: role (with the last-admin refusal explained), suspend / reactivate, teams,
 * products, primary contact, remove (with a confirmation). Each change is one request; the row
 * shows the answer at once.
 */
export function MemberPanel(props: { orgId: string; onChanged: (message: string) => void }) {
  const who = panelFor.value;
  return (
    <Modal open={who !== null} title={who ? c.panel.title(who.name || who.email) : ''} onClose={() => (panelFor.value = null)} wide>
      {who && <Panel key={who.userId} orgId={props.orgId} member={who} onChanged={props.onChanged} />}
    </Modal>
  );
}

function Panel(props: { orgId: string; member: Member; onChanged: (message: string) => void }) {
  const member = props.member;
  const label = member.name || member.email;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [role, setRole] = useState(member.role);
  const [memberTeams, setMemberTeams] = useState(new Set(member.teams));
  const [products, setProducts] = useState(new Set(member.products ?? []));
  const [confirmRemove, setConfirmRemove] = useState(false);
  useEffect(() => {
    setRole(member.role);
  }, [member.role]);
  const path = { orgId: props.orgId, userId: member.userId };
  const self = user.value?.profile.sub === member.userId;

  /** One change: its answer in words, or its refusal (`refusal` words the codes a section knows better). */
  async function run(work: () => Promise<string | null>, refusal: (code: string) => string | undefined = () => undefined) {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    setProblem(null);
    try {
      const done = await work();
      if (done) setMessage(done);
    } catch (e) {
      const own = e instanceof ApiError ? refusal(e.code) : undefined;
      setProblem(own ?? (e instanceof ApiError && e.code === 'last_admin' ? c.panel.lastAdmin : messageFor(e)));
    } finally {
      setBusy(false);
    }
  }
  const patch = async (body: { role?: Member['role']; status?: Member['status']; products?: string[]; accessUntil?: string | null }) => {
    const { member: after } = await call(api.PATCH('/orgs/{orgId}/members/{userId}', { params: { path }, body }));
    replaceRow(after);
    panelFor.value = after;
    return after;
  };

  const changeRole = () =>
    run(async () => {
      const after = await patch({ role });
      return c.panel.roleChanged(label, c.roles[after.role] ?? after.role);
    });
  const toggleSuspend = () =>
    run(async () => {
      const after = await patch({ status: member.status === 'active' ? 'suspended' : 'active' });
      return after.status === 'suspended' ? c.panel.suspended(label) : c.panel.reactivated(label);
    });
  const saveTeams = () =>
    run(async () => {
      const before = new Set(member.teams);
      for (const t of teams.peek()) {
        const teamPath = { orgId: props.orgId, teamId: t.teamId, userId: member.userId };
        if (memberTeams.has(t.teamId) && !before.has(t.teamId))
          await call(api.PUT('/orgs/{orgId}/teams/{teamId}/members/{userId}', { params: { path: teamPath } }));
        if (!memberTeams.has(t.teamId) && before.has(t.teamId))
          await call(api.DELETE('/orgs/{orgId}/teams/{teamId}/members/{userId}', { params: { path: teamPath } }));
      }
      const after = {
        ...member,
        teams: teams
          .peek()
          .map((t) => t.teamId)
          .filter((id) => memberTeams.has(id)),
      };
      replaceRow(after);
      panelFor.value = after;
      void loadContext(props.orgId, true);
      return c.panel.teamsSaved;
    });
  const saveEnd = (accessUntil: string | null) =>
    run(
      async () => {
        const after = await patch({ accessUntil });
        return after.accessUntil ? c.panel.end.setDone(label, dateTime(after.accessUntil)) : c.panel.end.cleared(label);
      },
      (code) =>
        code === 'last_admin' ? c.panel.end.lastAdmin : code === 'access_until_invalid' || code === 'validation_failed' ? c.panel.end.invalid : undefined,
    );
  const saveProducts = () =>
    run(async () => {
      await patch({ products: [...products] });
      return c.panel.productsSaved;
    });
  const makePrimary = () =>
    run(async () => {
      await call(api.PUT('/orgs/{orgId}/primary-contact', { params: { path: { orgId: props.orgId } }, body: { userId: member.userId } }));
      replaceRow({ ...member, primaryContact: true });
      panelFor.value = { ...member, primaryContact: true };
      void loadContext(props.orgId, true);
      return c.panel.primarySet(label);
    });
  const remove = () =>
    run(async () => {
      await call(api.DELETE('/orgs/{orgId}/members/{userId}', { params: { path } }));
      dropRow(member.userId);
      panelFor.value = null;
      props.onChanged(c.panel.removed(label));
      void loadContext(props.orgId, true);
      return null;
    });

  const offered = org.value?.settings.products ?? [];
  return (
    <div aria-busy={busy}>
      <p>{member.email}</p>
      {message && <Notice>{message}</Notice>}
      {problem && <ErrorMessage>{problem}</ErrorMessage>}

      <div class="panel-section">
        <h3>
          <label for="panel-role">{c.panel.role}</label>
        </h3>
        <div class="toolbar">
          <select id="panel-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Member['role'])}>
            {(['admin', 'member', 'viewer'] as const).map((r) => (
              <option key={r} value={r}>
                {c.roles[r]}
              </option>
            ))}
          </select>
          <button type="button" class="primary" disabled={busy || role === member.role} onClick={() => void changeRole()}>
            {c.panel.saveRole}
          </button>
        </div>
      </div>

      <div class="panel-section">
        <h3>{c.panel.access}</h3>
        <p>{hasEnded(member.accessUntil, Date.now()) ? c.statuses.ended : c.statuses[member.status]}</p>
        <button type="button" class="secondary" disabled={busy || self} onClick={() => void toggleSuspend()}>
          {member.status === 'active' ? c.panel.suspend : c.panel.reactivate}
        </button>
      </div>

      <AccessUntilSection
        member={member}
        busy={busy}
        onSave={(accessUntil) => void saveEnd(accessUntil)}
        onEmpty={() => {
          setMessage(null);
          setProblem(c.panel.end.empty);
        }}
      />

      <fieldset class="panel-section">
        <legend>{c.panel.teams}</legend>
        {teams.value.length === 0 ? (
          <p class="empty">{c.panel.noTeams}</p>
        ) : (
          <CheckList items={teams.value.map((x) => ({ key: x.teamId, name: x.name }))} chosen={memberTeams} onChange={setMemberTeams} />
        )}
        {teams.value.length > 0 && (
          <button type="button" class="secondary" disabled={busy} onClick={() => void saveTeams()}>
            {c.panel.saveTeams}
          </button>
        )}
      </fieldset>

      {offered.length > 0 && (
        <fieldset class="panel-section">
          <legend>{c.panel.products}</legend>
          <CheckList items={offered} chosen={products} onChange={setProducts} />
          <button type="button" class="secondary" disabled={busy} onClick={() => void saveProducts()}>
            {c.panel.saveProducts}
          </button>
        </fieldset>
      )}

      <div class="panel-section">
        {member.primaryContact ? (
          <p>{c.panel.isPrimary}</p>
        ) : (
          <button type="button" class="secondary" disabled={busy || member.status !== 'active'} onClick={() => void makePrimary()}>
            {c.panel.makePrimary}
          </button>
        )}
      </div>

      <div class="panel-section">
        {!confirmRemove ? (
          <button type="button" class="danger" disabled={busy} onClick={() => setConfirmRemove(true)}>
            {c.panel.remove}
          </button>
        ) : (
          <fieldset>
            <legend>{c.panel.confirmRemoveTitle(label)}</legend>
            <p>{c.panel.confirmRemove}</p>
            <div class="actions">
              <button type="button" class="danger" disabled={busy} onClick={() => void remove()}>
                {c.panel.confirmRemoveButton}
              </button>
              <button type="button" class="secondary" onClick={() => setConfirmRemove(false)}>
                {t.cancel}
              </button>
            </div>
          </fieldset>
        )}
      </div>
    </div>
  );
}
