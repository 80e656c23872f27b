import { useId } from 'preact/hooks';
import { Form } from '../../common/form.tsx';
import { ErrorMessage } from '../../components/status.tsx';
import { c } from '../../strings-console.ts';
import { localZone } from '../access-until.ts';
import { teams } from '../context.ts';
import { CheckList, SelectField, TextareaWithHint } from '../fields.tsx';
import { LanguageOptions } from '../language-options.tsx';
import { Modal } from '../modal.tsx';
import { RoleOptions } from '../role-options.tsx';
import { People } from './people.tsx';
import {
  accessUntil,
  check,
  chips,
  edit,
  error,
  forPrimaryContact,
  locale,
  message,
  open,
  people,
  phase,
  type Role,
  removeEntry,
  results,
  role,
  send,
  sendCount,
  sendEmail,
  start,
  teamIds,
  text,
  timeZone,
} from './state.ts';

/** "Invite members" and its dialog; `onDone` runs when the dialog closes after sending. */
export function InviteButton(props: { orgId: string; onDone: () => void; teamId?: string; label?: string; ariaLabel?: string; primaryContact?: boolean }) {
  const opener = useId();
  const close = () => {
    const sent = phase.peek() === 'done';
    open.value = null;
    if (sent) props.onDone();
  };
  return (
    <>
      <button
        type="button"
        class={props.teamId ? 'secondary' : 'primary'}
        aria-label={props.ariaLabel}
        onClick={() => start(opener, props.teamId, props.primaryContact)}
      >
        {props.label ?? c.inviteMembers}
      </button>
      <Modal open={open.value === opener} title={forPrimaryContact.value ? c.invite.primaryTitle : c.invite.title} onClose={close} wide>
        {phase.value === 'done' ? <Results onMore={() => start(opener, props.teamId, props.primaryContact)} /> : <InviteForm orgId={props.orgId} />}
      </Modal>
    </>
  );
}

function InviteForm(props: { orgId: string }) {
  const busy = phase.value === 'checking' || phase.value === 'sending';
  const list = chips.value;
  const flagged = list.filter((x) => x.status !== null && x.status !== 'ready' && x.status !== 'would_add').length;
  const n = sendCount.value;
  return (
    <Form onSend={() => void (phase.peek() === 'checked' ? send(props.orgId) : check(props.orgId))}>
      <TextareaWithHint id="invite-emails" label={c.invite.addresses} hint={c.invite.addressesHint} value={text.value} disabled={busy} onValue={edit} />
      {list.length > 0 && (
        <>
          <p class="count" aria-live="polite">
            {c.invite.recipients(list.length)}
            {phase.value === 'checked' && flagged > 0 ? ` ${c.invite.flagged(flagged)}` : ''}
          </p>
          <ul class="chips" aria-label={c.invite.chipsLabel}>
            {list.map((x, i) => {
              const bad = x.status !== null && x.status !== 'ready' && x.status !== 'would_add';
              return (
                <li key={`${i}:${x.key}`} class={bad ? 'flagged' : undefined}>
                  <span>{x.input}</span>
                  {x.status && <span class="why">{c.invite.statusOf[x.status]}</span>}
                  <button type="button" class="secondary" aria-label={c.invite.remove(x.input)} disabled={busy} onClick={() => removeEntry(i)}>
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <People busy={busy} />
      <div class="toolbar">
        <SelectField id="invite-role" label={c.invite.role} value={role.value} disabled={busy} onValue={(v) => (role.value = v as Role)}>
          <RoleOptions />
        </SelectField>
      </div>
      {teams.value.length > 0 && (
        <fieldset>
          <legend>{c.invite.teams}</legend>
          <CheckList
            items={teams.value.map((x) => ({ key: x.teamId, name: x.name }))}
            chosen={teamIds.value}
            disabled={busy}
            onChange={(next) => (teamIds.value = next)}
          />
        </fieldset>
      )}
      <label for="invite-message">{c.invite.message}</label>
      <textarea id="invite-message" maxLength={500} value={message.value} disabled={busy} onInput={(e) => (message.value = e.currentTarget.value)} />
      <label class="check">
        <input
          type="checkbox"
          checked={sendEmail.value}
          disabled={busy}
          aria-describedby="invite-send-hint"
          onChange={(e) => {
            sendEmail.value = e.currentTarget.checked;
            if (phase.peek() === 'checked') void check(props.orgId);
          }}
        />
        {c.invite.sendEmail}
      </label>
      <p class="hint" id="invite-send-hint">
        {c.invite.sendEmailHint}
      </p>
      <div class="toolbar">
        <div class="field">
          <label for="invite-until">{c.invite.accessUntil(localZone())}</label>
          <input
            id="invite-until"
            type="datetime-local"
            value={accessUntil.value}
            disabled={busy}
            aria-describedby="invite-until-hint"
            onInput={(e) => (accessUntil.value = e.currentTarget.value)}
            onChange={() => {
              // an end rules out direct add: the check's answers may change
              if (phase.peek() === 'checked') void check(props.orgId);
            }}
          />
        </div>
      </div>
      <p class="hint" id="invite-until-hint">
        {c.invite.accessUntilHint}
      </p>
      <EmailLocale busy={busy} />
      {error.value && <ErrorMessage>{error.value}</ErrorMessage>}
      {phase.value === 'sending' && (
        <p role="status">
          <progress aria-label={c.invite.sending} /> {c.invite.sending}
        </p>
      )}
      {phase.value === 'checked' && n === 0 && <p role="status">{c.invite.nothingToSend}</p>}
      <div class="actions">
        {phase.value === 'checked' ? (
          <button type="submit" class="primary" disabled={busy || n === 0}>
            {c.invite.send(n)}
          </button>
        ) : (
          <button type="submit" class="primary" disabled={busy || list.length + people.value.length === 0}>
            {phase.value === 'checking' ? c.invite.checking : c.invite.check}
          </button>
        )}
      </div>
    </Form>
  );
}

/** The emails' language and the time zone of their dates, for everyone invited (both optional). */
function EmailLocale(props: { busy: boolean }) {
  return (
    <>
      <div class="toolbar">
        <SelectField id="invite-locale" label={c.invite.language} value={locale.value} disabled={props.busy} onValue={(v) => (locale.value = v)}>
          <option value="">{c.invite.languageDefault}</option>
          <LanguageOptions />
        </SelectField>
        <div class="field">
          <label for="invite-zone">{c.invite.timeZone}</label>
          <input
            id="invite-zone"
            list="invite-zones"
            autoComplete="off"
            value={timeZone.value}
            disabled={props.busy}
            aria-describedby="invite-zone-hint"
            onInput={(e) => (timeZone.value = e.currentTarget.value)}
          />
          <datalist id="invite-zones">
            {Intl.supportedValuesOf('timeZone').map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
      </div>
      <p class="hint" id="invite-zone-hint">
        {c.invite.timeZoneHint}
      </p>
    </>
  );
}

function Results(props: { onMore: () => void }) {
  const list = results.value;
  const ok = list.filter((r) => r.status === 'invited' || r.status === 'added').length;
  return (
    <section aria-labelledby="invite-results">
      <h3 id="invite-results">{c.invite.results}</h3>
      <p role="status">{c.invite.summary(ok, list.length - ok)}</p>
      <ul class="results">
        {list.map((r) => (
          <li key={r.email}>
            <strong>{r.email}</strong>: {c.invite.resultOf[r.status] ?? r.status}
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onMore}>
          {c.invite.inviteMore}
        </button>
      </div>
    </section>
  );
}
