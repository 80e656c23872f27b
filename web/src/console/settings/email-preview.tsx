import { useState } from 'preact/hooks';
import { api, call } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { ErrorMessage } from '../../components/status.tsx';
import { c } from '../../strings-console.ts';
import type { Org } from '../context.ts';
import { ToolbarForm } from '../fields.tsx';
import { LanguageOptions } from '../language-options.tsx';
import { TimeZoneOptions } from '../time-zone-options.tsx';

const kinds = ['invitation', 'reminder', 'added', 'join_request', 'invitation_accepted', 'renewal_requested', 'access_ending', 'member_access_ending'] as const;
type Kind = (typeof kinds)[number];

/**
 * What an email of the org looks like, as the API renders it for sending. The HTML is shown in a
 * sandboxed frame with no permissions at all (no scripts, no same origin, no forms): whatever a
 * display name or a message holds, it cannot run or reach the console.
 */
export function EmailPreview(props: { org: Org }) {
  const [kind, setKind] = useState<Kind>('invitation');
  const [locale, setLocale] = useState(props.org.settings.branding?.defaultLocale ?? 'en');
  // empty: UTC, as for a recipient whose zone is not known
  const [timeZone, setTimeZone] = useState('');
  const [email, setEmail] = useState<{ subject: string; text: string; html: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const st = c.emailPreview;

  async function show() {
    setBusy(true);
    setError(null);
    try {
      setEmail(
        await call(
          api.GET('/orgs/{orgId}/email-preview', { params: { path: { orgId: props.org.orgId }, query: { kind, locale, ...(timeZone ? { timeZone } : {}) } } }),
        ),
      );
    } catch (e) {
      setEmail(null);
      setError(messageFor(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{st.title}</h2>
      <p class="hint">{st.intro}</p>
      <ToolbarForm onSend={() => void show()}>
        <div class="field">
          <label for="preview-kind">{st.kind}</label>
          <select id="preview-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {st.kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="preview-locale">{st.locale}</label>
          <select id="preview-locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value as typeof locale)}>
            <LanguageOptions />
          </select>
        </div>
        <div class="field">
          <label for="preview-time-zone">{st.timeZone}</label>
          <select id="preview-time-zone" value={timeZone} onChange={(e) => setTimeZone(e.currentTarget.value)}>
            <option value="">{st.utc}</option>
            <TimeZoneOptions current={timeZone} />
          </select>
        </div>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {st.show}
          </button>
        </div>
      </ToolbarForm>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {email && (
        <div class="email-preview">
          <p>
            <strong>{st.subject}</strong> {email.subject}
          </p>
          <iframe title={st.frameTitle} sandbox="" srcDoc={email.html} class="email-frame" />
          <details>
            <summary>{st.plainText}</summary>
            <pre>{email.text}</pre>
          </details>
        </div>
      )}
    </section>
  );
}
