/** The languages every email kind is written in; the first is the fallback. */
export const locales = ['en', 'de', 'fr', 'es', 'pt', 'ja'] as const;
export type Locale = (typeof locales)[number];

export const isLocale = (s: unknown): s is Locale => typeof s === 'string' && (locales as readonly string[]).includes(s);

/** The language an email is written in: the invitation's, else the org's default, else English. */
export const localeOf = (...choices: (string | undefined)[]): Locale => choices.find(isLocale) ?? 'en';
