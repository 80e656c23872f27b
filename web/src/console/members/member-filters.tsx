import { c } from '../../strings-console.ts';
import { org, teams } from '../context.ts';
import { type Filters, filters } from './state.ts';

/** Search and filters; the list reloads on Apply (or Enter in the search field). */
export function MemberFilters(props: { onApply: () => void }) {
  const f = filters.value;
  const set = (patch: Partial<Filters>) => (filters.value = { ...filters.peek(), ...patch });
  const products = org.value?.settings.products ?? [];
  return (
    <form
      aria-label={c.members.filters}
      class="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        props.onApply();
      }}
    >
      <div class="field grow">
        <label for="member-q">{c.members.search}</label>
        <input id="member-q" type="search" value={f.q} maxLength={100} onInput={(e) => set({ q: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for="member-status">{c.members.status}</label>
        <select
          id="member-status"
          value={f.status}
          onChange={(e) => {
            set({ status: e.currentTarget.value as Filters['status'] });
            props.onApply();
          }}
        >
          <option value="">{c.any}</option>
          <option value="active">{c.statuses.active}</option>
          <option value="suspended">{c.statuses.suspended}</option>
          <option value="ended">{c.statuses.ended}</option>
        </select>
      </div>
      <div class="field">
        <label for="member-role">{c.members.role}</label>
        <select
          id="member-role"
          value={f.role}
          onChange={(e) => {
            set({ role: e.currentTarget.value as Filters['role'] });
            props.onApply();
          }}
        >
          <option value="">{c.any}</option>
          {(['admin', 'member', 'viewer'] as const).map((r) => (
            <option key={r} value={r}>
              {c.roles[r]}
            </option>
          ))}
        </select>
      </div>
      {teams.value.length > 0 && (
        <div class="field">
          <label for="member-team">{c.members.team}</label>
          <select
            id="member-team"
            value={f.teamId}
            onChange={(e) => {
              set({ teamId: e.currentTarget.value });
              props.onApply();
            }}
          >
            <option value="">{c.any}</option>
            {teams.value.map((t) => (
              <option key={t.teamId} value={t.teamId}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {products.length > 0 && (
        <div class="field">
          <label for="member-product">{c.members.product}</label>
          <select
            id="member-product"
            value={f.product}
            onChange={(e) => {
              set({ product: e.currentTarget.value });
              props.onApply();
            }}
          >
            <option value="">{c.any}</option>
            {products.map((p) => (
              <option key={p.key} value={p.key}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" class="primary">
        {c.apply}
      </button>
    </form>
  );
}
