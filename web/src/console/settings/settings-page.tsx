import { useState } from 'preact/hooks';
import { ApiError, api, call } from '../../api/client.ts';
import { c } from '../../strings-console.ts';
import { type Org, org } from '../context.ts';
import { InputField, SelectField, TextareaWithHint } from '../fields.tsx';
import { consolePage } from '../frame.tsx';
import { BrandingForm } from './branding-form.tsx';
import { DeleteOrg } from './delete-org.tsx';
import { EmailPreview } from './email-preview.tsx';
import { SaveForm } from './save-form.tsx';
import { SendingStatus } from './sending-status.tsx';

export default consolePage('settings', Settings);

function Settings() {
  const o = org.value;
  return (
    o && (
      <>
        <SendingStatus org={o} />
        <SettingsForm key={o.orgId} org={o} />
        <BrandingForm key={`branding-${o.orgId}`} org={o} />
        {/* a new branding makes a shown preview stale: start again, at the (new) default language */}
        <EmailPreview key={`preview-${o.orgId}-${JSON.stringify(o.settings.branding ?? {})}`} org={o} />
        <DeleteOrg key={`delete-${o.orgId}`} org={o} />
      </>
    )
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
      <InputField id="set-name" label={st.name} type="text" required maxLength={200} value={name} onValue={setName} />
      <fieldset>
        <legend>{st.access}</legend>
        <TextareaWithHint id="set-domains" label={st.domains} hint={st.domainsHint} value={domains} onValue={setDomains} />
        <label class="check">
          <input type="checkbox" checked={autoJoin} onChange={(e) => setAutoJoin(e.currentTarget.checked)} /> {st.autoJoin}
        </label>
        <SelectField
          id="set-autojoin-role"
          label={st.autoJoinRole}
          value={autoJoinRole}
          disabled={!autoJoin}
          onValue={(v) => setAutoJoinRole(v as 'member' | 'viewer')}
        >
          <option value="member">{c.roles.member}</option>
          <option value="viewer">{c.roles.viewer}</option>
        </SelectField>
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
          <InputField id="set-ttl" label={st.ttl} type="number" min={1} max={30} required value={ttl} onValue={setTtl} />
          <InputField
            id="set-reminder"
            label={st.reminder}
            type="number"
            min={0}
            max={720}
            required
            aria-describedby="set-reminder-hint"
            value={reminder}
            onValue={setReminder}
          />
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
        <TextareaWithHint id="set-products" label={st.productsLabel} hint={st.productsHint} value={products} onValue={setProducts} />
      </fieldset>
    </SaveForm>
  );
}
