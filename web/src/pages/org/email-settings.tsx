import { useState } from 'preact/hooks';
import { ApiError, api, call } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { Form, SaveFooter, type SaveProblem } from '../../common/form.tsx';
import { useSend } from '../../common/use-send.ts';
import { m } from '../../strings-member.ts';
import { type EmailSettings, myEmailSettings } from './state.ts';

type EmailLocale = NonNullable<EmailSettings['locale']>;

// The console has these options too (console/language-options.tsx, time-zone-options.tsx); importing them from
// here would make a chunk this page shares with the console, whose name the app chunk then lists among this
// page's dependencies: bytes on the accept page, which has none to spare (test/infra/web-budget.test.ts).
const languages = Object.entries(m.org.emailSettings.languages) as [EmailLocale, string][];
/** Every IANA zone this browser knows, with the one stored kept selectable when this browser does not list it. */
function zonesWith(current: string): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return current && !known.includes(current) ? [current, ...known] : known;
}

/**
 * My own language and time zone for this org's emails: PATCH on my own member row, which any
 * member may do for these two fields. An empty choice sends null (back to the default).
 */
export function EmailSettingsForm(props: { orgId: string; userId: string; settings: EmailSettings }) {
  const [locale, setLocale] = useState<EmailLocale | ''>(props.settings.locale ?? '');
  const [timeZone, setTimeZone] = useState(props.settings.timeZone ?? '');
  const st = m.org.emailSettings;
  const { busy, done, problem, run } = useSend(
    async () => {
      await call(
        api.PATCH('/orgs/{orgId}/members/{userId}', {
          params: { path: { orgId: props.orgId, userId: props.userId } },
          body: { locale: locale || null, timeZone: timeZone || null },
        }),
      );
      myEmailSettings.value = { ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) };
    },
    (e): SaveProblem => {
      const refusal = e instanceof ApiError ? st.refusals[e.code] : undefined;
      return { message: refusal ?? messageFor(e), fields: e instanceof ApiError && !refusal ? e.fieldErrors : [] };
    },
  );

  return (
    <Form class="card email-settings" aria-labelledby="email-settings-title" onSend={() => void run()}>
      <h2 id="email-settings-title">{st.title}</h2>
      <p class="hint">{st.intro}</p>
      <label for="email-locale">{st.language}</label>
      <select id="email-locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value as EmailLocale | '')}>
        <option value="">{st.defaultLanguage}</option>
        {languages.map(([l, name]) => (
          <option key={l} value={l} lang={l}>
            {name}
          </option>
        ))}
      </select>
      <label for="email-time-zone">{st.timeZone}</label>
      <select id="email-time-zone" value={timeZone} onChange={(e) => setTimeZone(e.currentTarget.value)}>
        <option value="">{st.defaultTimeZone}</option>
        {zonesWith(timeZone).map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </select>
      <SaveFooter done={done} problem={problem} busy={busy} words={st} />
    </Form>
  );
}
