import { useEffect, useState } from 'preact/hooks';
import { Form } from '../../common/form.tsx';
import { c } from '../../strings-console.ts';
import { extendedBy, fromLocalInput, hasEnded, localZone, toLocalInput } from '../access-until.ts';
import { dateTime, endsIn } from '../dates.ts';
import type { Member } from './state.ts';

const EXTEND_DAYS = 30;

/**
 * The member panel's end of access: set, change, extend or remove `accessUntil` (one PATCH each, as the
 * panel's other sections). The field is in the admin's time zone, named in its label.
 */
export function AccessUntilSection(props: { member: Member; busy: boolean; onSave: (accessUntil: string | null) => void; onEmpty: () => void }) {
  const end = props.member.accessUntil;
  const [value, setValue] = useState(end ? toLocalInput(end) : '');
  // the field follows the saved end (after a save, an extension, a removal); a refused change leaves what was typed
  useEffect(() => setValue(end ? toLocalInput(end) : ''), [end]);
  const now = Date.now();
  const save = () => {
    const iso = fromLocalInput(value);
    if (iso === null) props.onEmpty();
    else props.onSave(iso);
  };
  return (
    <Form class="panel-section" aria-labelledby="panel-end-title" onSend={save}>
      <h3 id="panel-end-title">{c.panel.end.title}</h3>
      <p id="panel-end-now">
        {end === undefined ? c.panel.end.none : hasEnded(end, now) ? c.panel.end.endedAt(dateTime(end)) : c.panel.end.endsAt(dateTime(end), endsIn(end, now))}
      </p>
      <div class="toolbar">
        <div class="field">
          <label for="panel-end">{c.panel.end.label(localZone())}</label>
          <input
            id="panel-end"
            type="datetime-local"
            value={value}
            aria-describedby="panel-end-hint"
            disabled={props.busy}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary" disabled={props.busy}>
          {end === undefined ? c.panel.end.set : c.panel.end.change}
        </button>
      </div>
      <p class="hint" id="panel-end-hint">
        {c.panel.end.hint}
      </p>
      {end !== undefined && (
        <div class="row-actions">
          <button type="button" class="secondary" disabled={props.busy} onClick={() => props.onSave(extendedBy(end, EXTEND_DAYS, Date.now()))}>
            {c.panel.end.extend(EXTEND_DAYS)}
          </button>
          <button type="button" class="secondary" disabled={props.busy} onClick={() => props.onSave(null)}>
            {c.panel.end.clear}
          </button>
        </div>
      )}
    </Form>
  );
}
