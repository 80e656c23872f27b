import { useState } from 'preact/hooks';
import { ApiError, api, call } from '../../api/client.ts';
import { c } from '../../strings-console.ts';
import { type Org, org } from '../context.ts';
import { ConsoleFrame } from '../frame.tsx';
import { BrandingForm } from './branding-form.tsx';
import { DeleteOrg } from './delete-org.tsx';
import { EmailPreview } from './email-preview.tsx';
import { SaveForm } from './save-form.tsx';
import { SendingStatus } from './sending-status.tsx';

export default function SettingsPage(props: { params: Record<string, string> }) {
  const orgId = props.params.orgId ?? '';
  return (
    <ConsoleFrame orgId={orgId} tab="settings">
      {() =>
        org.value && (
          <>
            <SendingStatus org={org.value} />
            <SettingsForm key={org.value.orgId} org={org.value} />
            <BrandingForm key={`branding-${org.value.orgId}`} org={org.value} />
            {/* a new branding makes a shown preview stale: start again, at the (new) default language */}
            <EmailPreview key={`preview-${org.value.orgId}-${JSON.stringify(org.value.settings.branding ?? {})}`} org={org.value} />
            <DeleteOrg key={`delete-${org.value.orgId}`} org={org.value} />
          </>
        )
      }
    </ConsoleFrame>
  );
}

const lines = (s: string) =>
  s
    .split(/[\s,;]+/u)
    .map((x) => x.trim())
    .filter(Boolean);

/** Products as the admin types them, one a line: `key: Name` (the key is what members and invitations carry). */
function parseProducts(s: string) {
  return s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf(':');
      return at < 0 ? { key: l, name: l } : { key: l.slice(0, at).trim(), name: l.slice(at + 1).trim() };
    });
}

function SettingsForm(props: { org: Org }) {
  const s = props.org.settings;
  const [name, setName] = useState(props.org.name);
  const [domains, setDomains] = useState(s.allowedDomains.join('\n'));
  const [autoJoin, setAutoJoin] = useState(s.autoJoin.enabled);
  const [autoJoinRole, setAutoJoinRole] = useState(s.autoJoin.role);
  const [ttl, setTtl] = useState(String(s.invitationTtlDays));
  const [reminder, setReminder] = useState(String(s.reminderHoursBeforeExpiry));
  const [notify, setNotify] = useState(s.notifyInviterOnAccept);
  const [direct, setDirect] = useState(s.directAddExistingUsers);
  const [products, setProducts] = useState((s.products ?? []).map((p) => `${p.key}: ${p.name}`).join('\n'));

  const save = () =>
    call(
      api.PATCH('/orgs/{orgId}', {
        params: { path: { orgId: props.org.orgId } },
        body: {
          name: name.trim(),
          allowedDomains: lines(domains),
          autoJoin: { enabled: autoJoin, role: autoJoinRole },
          invitationTtlDays: Number(ttl),
          reminderHoursBeforeExpiry: Number(reminder),
          notifyInviterOnAccept: notify,
          directAddExistingUsers: direct,
          products: parseProducts(products),
        },
      }),
    );
  const refusal = (e: unknown) => (e instanceof ApiError && e.code === 'direct_add_not_enabled' ? c.settings.directAddNotEnabled : undefined);

  const st = c.settings;
  return (
    <SaveForm org={props.org} words={st} save={save} refusal={refusal}>
      <div class="field">
        <label for="set-name">{st.name}</label>
        <input id="set-name" type="text" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <fieldset>
        <legend>{st.access}</legend>
        <label for="set-domains">{st.domains}</label>
        <p class="hint" id="set-domains-hint">
          {st.domainsHint}
        </p>
        <textarea id="set-domains" aria-describedby="set-domains-hint" value={domains} onInput={(e) => setDomains(e.currentTarget.value)} />
        <label class="check">
          <input type="checkbox" checked={autoJoin} onChange={(e) => setAutoJoin(e.currentTarget.checked)} /> {st.autoJoin}
        </label>
        <div class="field">
          <label for="set-autojoin-role">{st.autoJoinRole}</label>
          <select
            id="set-autojoin-role"
            value={autoJoinRole}
            disabled={!autoJoin}
            onChange={(e) => setAutoJoinRole(e.currentTarget.value as 'member' | 'viewer')}
          >
            <option value="member">{c.roles.member}</option>
            <option value="viewer">{c.roles.viewer}</option>
          </select>
        </div>
        <label class="check">
          <input type="checkbox" checked={direct} aria-describedby="set-direct-hint" onChange={(e) => setDirect(e.currentTarget.checked)} /> {st.directAdd}
        </label>
        <p class="hint" id="set-direct-hint">
          {st.directAddHint}
        </p>
      </fieldset>
      <fieldset>
        <legend>{st.invitations}</legend>
        <div class="toolbar">
          <div class="field">
            <label for="set-ttl">{st.ttl}</label>
            <input id="set-ttl" type="number" min={1} max={30} required value={ttl} onInput={(e) => setTtl(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="set-reminder">{st.reminder}</label>
            <input
              id="set-reminder"
              type="number"
              min={0}
              max={720}
              required
              value={reminder}
              aria-describedby="set-reminder-hint"
              onInput={(e) => setReminder(e.currentTarget.value)}
            />
          </div>
        </div>
        <p class="hint" id="set-reminder-hint">
          {st.reminderHint}
        </p>
        <label class="check">
          <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.currentTarget.checked)} /> {st.notify}
        </label>
      </fieldset>
      <fieldset>
        <legend>{st.products}</legend>
        <label for="set-products">{st.productsLabel}</label>
        <p class="hint" id="set-products-hint">
          {st.productsHint}
        </p>
        <textarea id="set-products" aria-describedby="set-products-hint" value={products} onInput={(e) => setProducts(e.currentTarget.value)} />
      </fieldset>
    </SaveForm>
  );
}
