// Message catalogue: src/locales/<locale>/<namespace>.json, one namespace per feature so that
// engineers do not edit the same file. Namespaces are discovered from the folder at load time;
// adding a feature's namespace needs no change here.
//   t('zh-CN', 'auth.signIn.title')            → "登录"
//   t('en', 'users.flash.created', { name: '张三' })  → "User 张三 was created" ({name} interpolation)
// A key missing in English falls back to zh-CN; a key missing everywhere returns the key itself
// (visible in review, and caught by the key test in i18n.test.ts).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Locale } from './types.ts';

export type { Locale } from './types.ts';

export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const localesDir = fileURLToPath(new URL('../locales/', import.meta.url));

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
/** locale → namespace → flattened key → message */
type Catalogue = Record<string, Record<string, Record<string, string>>>;

/** Flattens nested JSON objects to dotted keys: { a: { b: 'x' } } → { 'a.b': 'x' }. */
export function flatten(obj: Json, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (typeof obj === 'string') {
    out[prefix] = obj;
  } else {
    throw new Error(`locale message ${prefix} must be a string`);
  }
  return out;
}

/** Reads every namespace of every locale folder. Exported for tests (parity check). */
export function loadCatalogue(dir: string = localesDir): Catalogue {
  const cat: Catalogue = {};
  if (!existsSync(dir)) return cat;
  for (const locale of readdirSync(dir, { withFileTypes: true })) {
    if (!locale.isDirectory()) continue;
    const nsMap: Record<string, Record<string, string>> = {};
    for (const file of readdirSync(path.join(dir, locale.name))) {
      if (!file.endsWith('.json')) continue;
      const ns = file.slice(0, -'.json'.length);
      const raw = readFileSync(path.join(dir, locale.name, file), 'utf8');
      nsMap[ns] = flatten(JSON.parse(raw) as Json);
    }
    cat[locale.name] = nsMap;
  }
  return cat;
}

export type Vars = Record<string, string | number>;

/** Interpolates `{name}` placeholders; unknown placeholders are left as written. */
export function interpolate(message: string, vars?: Vars): string {
  if (!vars) return message;
  return message.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

function lookupIn(cat: Catalogue, locale: string, key: string): string | undefined {
  const dot = key.indexOf('.');
  if (dot < 1) return undefined;
  return cat[locale]?.[key.slice(0, dot)]?.[key.slice(dot + 1)];
}

export type Translate = (locale: Locale, key: string, vars?: Vars) => string;

/** A translator over a catalogue: the locale's message, else zh-CN's, else the key itself. */
export function makeT(cat: Catalogue): Translate {
  return (locale, key, vars) => interpolate(lookupIn(cat, locale, key) ?? lookupIn(cat, DEFAULT_LOCALE, key) ?? key, vars);
}

const catalogue: Catalogue = loadCatalogue();
const lookup = (locale: string, key: string) => lookupIn(catalogue, locale, key);

/** Translates `namespace.key` for the locale, falling back to zh-CN. */
export const t: Translate = makeT(catalogue);

/** True when the key exists in the default locale (used by tests and by callers with dynamic keys). */
export function hasKey(key: string, locale: Locale = DEFAULT_LOCALE): boolean {
  return lookup(locale, key) !== undefined;
}

/** Parses an Accept-Language header or a `lang` query value to a supported locale. */
export function pickLocale(input: string | undefined | null): Locale {
  if (!input) return DEFAULT_LOCALE;
  const first = input.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : DEFAULT_LOCALE;
}
