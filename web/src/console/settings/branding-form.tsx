import { useState } from 'preact/hooks';
import { ApiError, api, call } from '../../api/client.ts';
import { c } from '../../strings-console.ts';
import type { Org } from '../context.ts';
import { InputField, SelectField } from '../fields.tsx';
import { type EmailLocale, LanguageOptions } from '../language-options.tsx';
import { SaveForm } from './save-form.tsx';

type Branding = NonNullable<Org['settings']['branding']>;
type Locale = EmailLocale;

/** The refusals of a branding the API explains by code: said in words here, beside the field. */
const refusalOf = (e: unknown) => (e instanceof ApiError ? c.branding.refusals[e.code as keyof typeof c.branding.refusals] : undefined);

/** The org's email branding: PATCH replaces it whole, so an emptied field is left out (and cleared). */
export function BrandingForm(props: { org: Org }) {
  const b = props.org.settings.branding ?? {};
  const [displayName, setDisplayName] = useState(b.displayName ?? '');
  const [logoUrl, setLogoUrl] = useState(b.logoUrl ?? '');
  const [accent, setAccent] = useState(b.accentColor ?? '');
  const [replyTo, setReplyTo] = useState(b.replyTo ?? '');
  const [locale, setLocale] = useState<Locale | ''>(b.defaultLocale ?? '');
  const st = c.branding;

  function save() {
    const branding: Branding = {
      ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      ...(logoUrl.trim() ? { logoUrl: logoUrl.trim() } : {}),
      ...(accent.trim() ? { accentColor: accent.trim() } : {}),
      ...(replyTo.trim() ? { replyTo: replyTo.trim() } : {}),
      ...(locale ? { defaultLocale: locale } : {}),
    };
    return call(api.PATCH('/orgs/{orgId}', { params: { path: { orgId: props.org.orgId } }, body: { branding } }));
  }

  return (
    <SaveForm org={props.org} words={st} save={save} refusal={refusalOf}>
      <h2>{st.title}</h2>
      <p class="hint">{st.intro}</p>
      <InputField id="brand-name" label={st.displayName} type="text" maxLength={100} value={displayName} onValue={setDisplayName} />
      <InputField id="brand-logo" label={st.logoUrl} hint={st.logoHint} type="url" inputMode="url" maxLength={2048} value={logoUrl} onValue={setLogoUrl} />
      <InputField id="brand-accent" label={st.accent} hint={st.accentHint} type="text" maxLength={7} placeholder="#1a56db" value={accent} onValue={setAccent} />
      <InputField id="brand-reply" label={st.replyTo} hint={st.replyToHint} type="email" value={replyTo} onValue={setReplyTo} />
      <SelectField id="brand-locale" label={st.defaultLocale} value={locale} onValue={(v) => setLocale(v as Locale | '')}>
        <option value="">{st.noLocale}</option>
        <LanguageOptions />
      </SelectField>
    </SaveForm>
  );
}
