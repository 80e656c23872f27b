import { c } from '../../strings-console.ts';
import { org, teams } from '../context.ts';
import { InputField, SelectField, ToolbarForm } from '../fields.tsx';
import { type Filters, filters } from './state.ts';

/** Search and filters; the list reloads on Apply (or Enter in the search field), and at once on a choice in a select. */
export function MemberFilters(props: { onApply: () => void }) {
  const f = filters.value;
  const set = (patch: Partial<Filters>) => (filters.value = { ...filters.peek(), ...patch });
  const choose = (patch: Partial<Filters>) => {
    set(patch);
    props.onApply();
  };
  const products = org.value?.settings.products ?? [];
  return (
    <ToolbarForm label={c.members.filters} onSend={props.onApply}>
      <InputField id="member-q" label={c.members.search} grow type="search" maxLength={100} value={f.q} onValue={(q) => set({ q })} />
      <SelectField id="member-status" label={c.members.status} value={f.status} onValue={(v) => choose({ status: v as Filters['status'] })}>
        <option value="">{c.any}</option>
        <option value="active">{c.statuses.active}</option>
        <option value="suspended">{c.statuses.suspended}</option>
        <option value="ended">{c.statuses.ended}</option>
      </SelectField>
      <SelectField id="member-role" label={c.members.role} value={f.role} onValue={(v) => choose({ role: v as Filters['role'] })}>
        <option value="">{c.any}</option>
        {(['admin', 'member', 'viewer'] as const).map((r) => (
          <option key={r} value={r}>
            {c.roles[r]}
          </option>
        ))}
      </SelectField>
      {teams.value.length > 0 && (
        <SelectField id="member-team" label={c.members.team} value={f.teamId} onValue={(teamId) => choose({ teamId })}>
          <option value="">{c.any}</option>
          {teams.value.map((t) => (
            <option key={t.teamId} value={t.teamId}>
              {t.name}
            </option>
          ))}
        </SelectField>
      )}
      {products.length > 0 && (
        <SelectField id="member-product" label={c.members.product} value={f.product} onValue={(product) => choose({ product })}>
          <option value="">{c.any}</option>
          {products.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
        </SelectField>
      )}
      <button type="submit" class="primary">
        {c.apply}
      </button>
    </ToolbarForm>
  );
}
