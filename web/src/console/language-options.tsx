import { c } from '../strings-console.ts';
import type { Org } from './context.ts';

/** A language the emails are written in (the API's `locale`). */
export type EmailLocale = NonNullable<NonNullable<Org['settings']['branding']>['defaultLocale']>;
export const emailLocales: readonly EmailLocale[] = ['en', 'de', 'fr', 'es', 'pt', 'ja'];

/** The emails' languages as a select's options, each named in itself: wherever the console offers them. */
export function LanguageOptions() {
  return (
    <>
      {emailLocales.map((l) => (
        <option key={l} value={l} lang={l}>
          {c.languages[l]}
        </option>
      ))}
    </>
  );
}
