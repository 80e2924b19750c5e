import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flatten, hasKey, interpolate, loadCatalogue, localesDir, makeT, pickLocale, t } from './i18n.ts';
import { ADMIN_NAV } from './layouts/AdminLayout.tsx';
import { PORTAL_SECTIONS } from './layouts/PortalLayout.tsx';
import { ROLES } from './pages/UsersPages.tsx';

const srcDir = fileURLToPath(new URL('../', import.meta.url));
const catalogue = loadCatalogue(localesDir);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

describe('locale catalogue', () => {
  it('has zh-CN and en with the same namespaces', () => {
    expect(Object.keys(catalogue).sort()).toEqual(['en', 'zh-CN']);
    expect(Object.keys(catalogue['en']!).sort()).toEqual(Object.keys(catalogue['zh-CN']!).sort());
    for (const ns of ['common', 'portal', 'admin', 'auth', 'users', 'audit', 'errors']) expect(catalogue['zh-CN']![ns]).toBeDefined();
  });

  const namespaces = Object.keys(catalogue['zh-CN'] ?? {});
  it.each(namespaces)('namespace %s has the same keys in both locales, none empty', (ns) => {
    const zh = catalogue['zh-CN']![ns]!;
    const en = catalogue['en']![ns] ?? {};
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [k, v] of Object.entries({ ...zh, ...en })) expect(v.trim(), `${ns}.${k}`).not.toBe('');
  });

  it.each(namespaces)('namespace %s uses the same {placeholders} in both locales', (ns) => {
    const zh = catalogue['zh-CN']![ns]!;
    const en = catalogue['en']![ns] ?? {};
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(zh)) expect(vars(en[k] ?? ''), `${ns}.${k}`).toEqual(vars(zh[k]!));
  });

  it('every literal t() key used in src exists in zh-CN and en, also through a namespace translator', () => {
    const used = new Map<string, string>();
    const files = sourceFiles(srcDir).map((f) => ({ f, text: readFileSync(f, 'utf8') }));
    // a namespace translator: `const tr = (locale: Locale) => (k: string, …) => t(locale, \`rankings.${k}\`, vars)`, bound as
    // `const T = tr(locale)` in the file that declares it or imports it; `T('key')` there is `rankings.key`
    const declared = (text: string) => new Map([...text.matchAll(/\b(?:export\s+)?const\s+(\w+)\s*=\s*\(locale(?::\s*Locale)?\)\s*=>\s*\(k(?::\s*string)?[^)]*\)\s*=>\s*t\(locale,\s*`([\w.]+)\.\$\{k\}`/g)].map((m) => [m[1]!, m[2]!]));
    const exported = new Map<string, string>();
    for (const { text } of files) for (const [name, ns] of declared(text)) if (new RegExp(`export\\s+const\\s+${name}\\b`).test(text)) exported.set(name, ns);
    expect([...exported.values()]).toContain('supervision');
    let bound = 0;
    for (const { f, text } of files) {
      for (const m of text.matchAll(/\bt\(\s*[\w.[\]'"?!]+\s*,\s*'([A-Za-z][\w-]*\.[\w.-]+)'/g)) used.set(m[1]!, path.relative(srcDir, f));
      const own = declared(text);
      const names = new Set([...text.matchAll(/\bconst\s+T\s*=\s*(\w+)\(/g)].map((m) => m[1]!));
      const prefixes = new Set([...names].map((n) => own.get(n) ?? (new RegExp(`import\\s*\\{[^}]*\\b${n}\\b[^}]*\\}`).test(text) ? exported.get(n) : undefined)));
      if (prefixes.size !== 1 || prefixes.has(undefined)) continue;
      const ns = [...prefixes][0]!;
      bound++;
      for (const m of text.matchAll(/\bT\(\s*'([A-Za-z][\w.-]*)'/g)) used.set(`${ns}.${m[1]!}`, path.relative(srcDir, f));
    }
    expect(bound).toBeGreaterThanOrEqual(6);
    expect(used.size).toBeGreaterThan(50);
    expect([...used.keys()].filter((k) => k.startsWith('supervision.')).length).toBeGreaterThan(250);
    for (const locale of ['zh-CN', 'en'] as const) {
      const missing = [...used].filter(([k]) => !hasKey(k, locale)).map(([k, f]) => `${k} (${f})`);
      expect(missing, locale).toEqual([]);
    }
  });


  it('keys built from data exist: admin nav, portal sections, roles, statuses, notices', () => {
    const keys = [
      ...ADMIN_NAV.map((n) => `admin.nav.${n.key}`),
      ...PORTAL_SECTIONS.flatMap((s) => [`portal.nav.${s.key}`, `portal.home.sections.${s.key}`]),
      ...ROLES.flatMap((r) => [`admin.roles.${r}`, `users.roleHints.${r}`]),
      ...['overdue', 'dueSoon', 'onTime', 'done'].map((s) => `common.status.${s}`),
      ...['info', 'success', 'warning', 'error'].map((s) => `common.notice.${s}`),
      ...['serverError', 'clientError'].flatMap((s) => [`errors.${s}.title`, `errors.${s}.body`]),
    ];
    for (const locale of ['zh-CN', 'en'] as const) expect(keys.filter((k) => !hasKey(k, locale))).toEqual([]);
  });
});

describe('t()', () => {
  it.each([
    ['zh-CN', 'common.errorSummary.title', undefined, '请修改以下问题'],
    ['en', 'common.errorSummary.title', undefined, 'Please fix the following'],
    ['zh-CN', 'common.deadline.daysLeft', { days: 3 }, '剩余 3 个工作日'],
    ['en', 'common.pagination.summary', { from: 51, to: 100, total: 123 }, 'Items 51–100 of 123'],
    ['zh-CN', 'portal.siteTitle', { agency: '芝罘区' }, '芝罘区政府信息公开'],
    ['zh-CN', 'no.such.key', undefined, 'no.such.key'],
  ] as const)('%s %s → %s', (locale, key, vars, expected) => {
    expect(t(locale, key, vars)).toBe(expected);
  });

  it('falls back to zh-CN when the locale lacks a key, then to the key itself', () => {
    const tr = makeT({ 'zh-CN': { ns: { a: '甲 {n}', b: '乙' } }, en: { ns: { a: 'A {n}' } } });
    expect(tr('en', 'ns.a', { n: 1 })).toBe('A 1');
    expect(tr('en', 'ns.b')).toBe('乙');
    expect(tr('en', 'ns.c')).toBe('ns.c');
    expect(tr('zh-CN', 'nodot')).toBe('nodot');
  });

  it('interpolates only known placeholders', () => {
    expect(interpolate('{a} 和 {b}', { a: 1 })).toBe('1 和 {b}');
  });

  it('flattens nested messages and rejects non-strings', () => {
    expect(flatten({ a: { b: 'x', c: { d: 'y' } }, e: 'z' })).toEqual({ 'a.b': 'x', 'a.c.d': 'y', e: 'z' });
    expect(() => flatten({ a: 1 })).toThrow(/must be a string/);
  });

  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr', 'zh-CN'],
  ] as const)('pickLocale(%s) → %s', (input, expected) => {
    expect(pickLocale(input)).toBe(expected);
  });
});
