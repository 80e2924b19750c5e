// The 好差评 staff pages' messages: `evaluations.admin.*` (and the rating levels `evaluations.levels.*`) of
// src/locales/<locale>/evaluations.json.
import { hasKey, t, type Locale } from '../../ui/i18n.ts';

export type EvT = (key: string, vars?: Record<string, string | number>) => string;

/** A translator of `evaluations.admin` for one locale: evT('en')('tabs.ratings') → "Ratings". */
export const evT = (locale: Locale): EvT => (key, vars) => t(locale, `evaluations.admin.${key}`, vars);

/** The label of a code of one vocabulary (channels, targets, classes …) in the locale; an unknown code as it is. */
export const evLabel = (locale: Locale, group: string, code: string | number): string =>
  hasKey(`evaluations.admin.${group}.${code}`) ? t(locale, `evaluations.admin.${group}.${code}`) : String(code);

/** A rating level's name (1–5). */
export const levelName = (locale: Locale, level: number): string => (hasKey(`evaluations.levels.${level}`) ? t(locale, `evaluations.levels.${level}`) : String(level));
