import { useState } from 'preact/hooks';
import { ApiError, api, call } from '../../api/client.ts';
import { c } from '../../strings-console.ts';
import type { Org } from '../context.ts';
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
      <div class="field">
        <label for="brand-name">{st.displayName}</label>
        <input id="brand-name" type="text" maxLength={100} value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="brand-logo">{st.logoUrl}</label>
        <p class="hint" id="brand-logo-hint">
          {st.logoHint}
        </p>
        <input
          id="brand-logo"
          type="url"
          inputMode="url"
          maxLength={2048}
          aria-describedby="brand-logo-hint"
          value={logoUrl}
          onInput={(e) => setLogoUrl(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="brand-accent">{st.accent}</label>
        <p class="hint" id="brand-accent-hint">
          {st.accentHint}
        </p>
        <input
          id="brand-accent"
          type="text"
          maxLength={7}
          placeholder="#1a56db"
          aria-describedby="brand-accent-hint"
          value={accent}
          onInput={(e) => setAccent(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="brand-reply">{st.replyTo}</label>
        <p class="hint" id="brand-reply-hint">
          {st.replyToHint}
        </p>
        <input id="brand-reply" type="email" aria-describedby="brand-reply-hint" value={replyTo} onInput={(e) => setReplyTo(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="brand-locale">{st.defaultLocale}</label>
        <select id="brand-locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value as Locale | '')}>
          <option value="">{st.noLocale}</option>
          <LanguageOptions />
        </select>
      </div>
    </SaveForm>
  );
}
