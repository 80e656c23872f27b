import type { Catalogue } from '../catalogue.ts';
import type { Locale } from '../locales.ts';
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };
import pt from './pt.json' with { type: 'json' };

/** A JSON's strings as they are, keyed as the catalogue is. */
type Json<T> = { [K in keyof T]: T[K] extends string ? string : Json<T[K]> };

/**
 * The translations are data: tsc checks that each file has every key the renderers read, and
 * test/unit/email-catalogues.test.ts that every language has English's keys, no other, and each
 * sentence exactly the placeholders `placeholders` declares.
 */
const typed = (json: Json<Catalogue>) => json as Catalogue;

export const catalogues: Record<Locale, Catalogue> = { en: typed(en), de: typed(de), fr: typed(fr), es: typed(es), pt: typed(pt), ja: typed(ja) };
