import type { Catalogue } from '../catalogue.ts';
import type { Locale } from '../locales.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import { pt } from './pt.ts';

export const catalogues: Record<Locale, Catalogue> = { en, de, fr, es, pt, ja };
