import { useState } from 'preact/hooks';
import { t } from '../../strings.ts';
import { c } from '../../strings-console.ts';
import { fromLocalInput, localZone } from '../access-until.ts';
import { org } from '../context.ts';
import { dateTime } from '../dates.ts';
import { CheckList, InputField, SelectField } from '../fields.tsx';
import { RoleOptions } from '../role-options.tsx';
import { peopleFromCsv } from './people-csv.ts';
import { addPeople, forPrimaryContact, type Person, people, personStatus, type Role, removePerson } from './state.ts';

const SENDABLE = new Set(['ready', 'would_add']);

/** People with their own names, role and products: typed one by one, or read from a CSV file. */
export function People(props: { busy: boolean }) {
  const [adding, setAdding] = useState(forPrimaryContact.peek());
  const [csvNote, setCsvNote] = useState<string | null>(null);
  const p = c.invite.people;
  return (
    <div class="panel-section">
      {people.value.length > 0 && (
        <ul class="chips" aria-label={p.list}>
          {people.value.map((x, i) => {
            const status = personStatus(x);
            const bad = status !== null && !SENDABLE.has(status);
            return (
              <li key={`${i}:${x.email}`} class={bad ? 'flagged' : undefined}>
                <span>
                  {[x.firstName, x.lastName].filter(Boolean).join(' ')} {x.email}
                  {x.role ? ` · ${t.role(x.role)}` : ''}
                  {x.products?.length ? ` · ${x.products.join(', ')}` : ''}
                  {x.primaryContact ? ` · ${p.primaryContact}` : ''}
                  {x.accessUntil ? ` · ${c.invitations.accessUntil(dateTime(x.accessUntil))}` : ''}
                  {x.unreadEnd ? ` · ${c.invitations.accessUntil(x.unreadEnd)}` : ''}
                </span>
                {status && <span class="why">{c.invite.statusOf[status]}</span>}
                <button type="button" class="secondary" aria-label={c.invite.remove(x.email)} disabled={props.busy} onClick={() => removePerson(i)}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div class="actions">
        {!adding && (
          <button type="button" class="secondary" disabled={props.busy} onClick={() => setAdding(true)}>
            {p.add}
          </button>
        )}
        <label class="file">
          {p.csv}
          <input
            type="file"
            accept=".csv,text/csv"
            aria-describedby="people-csv-hint"
            disabled={props.busy}
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              const list = peopleFromCsv(await file.text());
              addPeople(list);
              setCsvNote(p.csvRead(list.length, file.name));
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      <p class="hint" id="people-csv-hint">
        {p.csvHint(localZone())}
      </p>
      {csvNote && <p role="status">{csvNote}</p>}
      {adding && (
        <PersonForm
          onAdd={(person) => {
            addPeople([person]);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
    </div>
  );
}

function PersonForm(props: { onAdd: (p: Person) => void; onCancel: () => void }) {
  const [email, setEmail] = useState('');
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [products, setProducts] = useState<Set<string>>(new Set());
  const [until, setUntil] = useState('');
  // one primary contact per org: offered while the org has none and nobody in this list is it
  const canBePrimary = !org.value?.primaryContactUserId && !people.value.some((x) => x.primaryContact);
  const [primary, setPrimary] = useState(canBePrimary && forPrimaryContact.peek());
  const offered = org.value?.settings.products ?? [];
  const p = c.invite.people;
  const add = () => {
    if (!email.trim()) return;
    props.onAdd({
      email: email.trim(),
      ...(first.trim() ? { firstName: first.trim() } : {}),
      ...(last.trim() ? { lastName: last.trim() } : {}),
      ...(role ? { role } : {}),
      ...(products.size > 0 ? { products: [...products] } : {}),
      ...(primary && canBePrimary ? { primaryContact: true } : {}),
      ...(fromLocalInput(until) ? { accessUntil: fromLocalInput(until) as string } : {}),
    });
  };
  return (
    <fieldset>
      <legend>{p.legend}</legend>
      <div class="toolbar">
        <InputField id="person-email" label={p.email} grow type="email" value={email} onValue={setEmail} />
        <InputField id="person-first" label={p.firstName} type="text" maxLength={100} value={first} onValue={setFirst} />
        <InputField id="person-last" label={p.lastName} type="text" maxLength={100} value={last} onValue={setLast} />
        <SelectField id="person-role" label={p.role} value={role} onValue={(v) => setRole(v as Role | '')}>
          <option value="">{p.sameRole}</option>
          <RoleOptions />
        </SelectField>
        <InputField id="person-until" label={p.accessUntil(localZone())} type="datetime-local" value={until} onValue={setUntil} />
      </div>
      {canBePrimary && (
        <label class="check">
          <input type="checkbox" checked={primary} onChange={(e) => setPrimary(e.currentTarget.checked)} /> {p.primaryContactCheck}
        </label>
      )}
      {offered.length > 0 && (
        <fieldset>
          <legend>{p.products}</legend>
          <CheckList items={offered} chosen={products} onChange={setProducts} />
        </fieldset>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={add}>
          {p.addButton}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </fieldset>
  );
}
