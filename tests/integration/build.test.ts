// scripts/build.mjs (decision 195): `gongkai serve` runs src/ compiled to dist/, rebuilt when the sources change.
//   - relative `.ts`/`.tsx` specifiers of static imports, re-exports and import() become `.js`; packages and
//     strings that are not specifiers stay as they are
//   - a small source tree: built, fresh; an edited file makes it stale and a rebuild carries the edit; a deleted
//     source's output is removed; non-TypeScript files are copied; tests are left out; the built modules run
//   - the real src/: every module compiled (none left with a `.ts` import), the built LRU behaves as the source one, the
//     audit worker threads start from dist/ (their entry imports the compiled job module)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
interface BuildModule {
  rewriteSpecifiers(code: string): string;
  build(opts: { srcDir: string; outDir: string }): Promise<{ compiled: number; copied: number; written: number }>;
  isFresh(opts: { srcDir: string; outDir: string }): boolean;
  ensureBuilt(opts: { srcDir: string; outDir: string }): Promise<boolean>;
}
const builder = (await import(pathToFileURL(path.join(root, 'scripts/build.mjs')).href)) as BuildModule;

const dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'gongkai-build-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function listFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, r) : [r];
  });
}

describe('build: specifiers', () => {
  it.each([
    [`import { a } from './a.ts';`, `import { a } from './a.js';`],
    [`import x from "../b/c.tsx";`, `import x from "../b/c.js";`],
    [`export * from './d.ts';`, `export * from './d.js';`],
    [`export { e } from '../../e.ts';`, `export { e } from '../../e.js';`],
    [`const m = await import('../../http/app.ts');`, `const m = await import('../../http/app.js');`],
    [`import './side-effect.ts';`, `import './side-effect.js';`],
    [`import { z } from 'zod';`, `import { z } from 'zod';`],
    [`import data from './data.json' with { type: 'json' };`, `import data from './data.json' with { type: 'json' };`],
    [`const note = 'see ./a.ts for details';`, `const note = 'see ./a.ts for details';`],
    [`new URL('./files.worker.mjs', import.meta.url)`, `new URL('./files.worker.mjs', import.meta.url)`],
  ])('%s → %s', (input, output) => {
    expect(builder.rewriteSpecifiers(input)).toBe(output);
  });
});

describe('build: a small source tree', () => {
  const base = scratch();
  const srcDir = path.join(base, 'src');
  const outDir = path.join(base, 'dist');
  const write = (rel: string, text: string) => { mkdirSync(path.dirname(path.join(srcDir, rel)), { recursive: true }); writeFileSync(path.join(srcDir, rel), text); };

  it('builds, is fresh, rebuilds after an edit and drops the output of a deleted source', async () => {
    write('core/add.ts', 'export const add = (a: number, b: number): number => a + b;\n');
    write('main.ts', "import { add } from './core/add.ts';\nimport { label } from './ui/label.tsx';\nexport const total = add(2, 3);\nexport const text = label();\n");
    write('ui/label.tsx', "import { readFileSync } from 'node:fs';\nexport const label = (): string => readFileSync(new URL('./label.txt', import.meta.url), 'utf8').trim();\n");
    write('ui/label.txt', '公开\n');
    write('core/add.test.ts', "throw new Error('tests are not built');\n");
    write('old.ts', 'export const old = 1;\n');

    expect(builder.isFresh({ srcDir, outDir })).toBe(false);
    const first = await builder.build({ srcDir, outDir });
    expect(first).toEqual({ compiled: 4, copied: 1, written: 9 }); // 4 modules + 4 maps + 1 copy (the stamp is not counted)
    expect(builder.isFresh({ srcDir, outDir })).toBe(true);
    expect(listFiles(outDir).sort()).toEqual(['.build-stamp', 'core/add.js', 'core/add.js.map', 'main.js', 'main.js.map', 'old.js', 'old.js.map', 'ui/label.js', 'ui/label.js.map', 'ui/label.txt']);
    const built = (await import(pathToFileURL(path.join(outDir, 'main.js')).href)) as { total: number; text: string };
    expect(built).toMatchObject({ total: 5, text: '公开' });

    // nothing changed: nothing rewritten
    expect(await builder.ensureBuilt({ srcDir, outDir })).toBe(false);
    expect((await builder.build({ srcDir, outDir })).written).toBe(0);

    // an edit (new content, later mtime) makes it stale; the rebuild carries it
    write('core/add.ts', 'export const add = (a: number, b: number): number => a * b;\n');
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(srcDir, 'core/add.ts'), later, later);
    rmSync(path.join(srcDir, 'old.ts'));
    expect(builder.isFresh({ srcDir, outDir })).toBe(false);
    expect(await builder.ensureBuilt({ srcDir, outDir })).toBe(true);
    expect(builder.isFresh({ srcDir, outDir })).toBe(true);
    expect(readFileSync(path.join(outDir, 'core/add.js'), 'utf8')).toContain('a * b');
    expect(existsSync(path.join(outDir, 'old.js'))).toBe(false);
    expect(existsSync(path.join(outDir, 'old.js.map'))).toBe(false);
  });
});

describe('build: the real sources', () => {
  it('compiles every module of src/ (tests left out) with no .ts import left, and the built code runs', async () => {
    const outDir = path.join(scratch(), 'dist');
    const srcDir = path.join(root, 'src');
    const r = await builder.build({ srcDir, outDir });
    const sources = listFiles(srcDir).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
    expect(r.compiled).toBe(sources.length);
    expect(r.compiled).toBeGreaterThan(400);
    for (const f of sources) expect(existsSync(path.join(outDir, f.replace(/\.tsx?$/, '.js'))), f).toBe(true);
    const leftovers = listFiles(outDir).filter((f) => f.endsWith('.js')).filter((f) => /(?:from\s*|import\s*\(\s*|import\s+)['"]\.{1,2}\/[^'"\n]*\.tsx?['"]/.test(readFileSync(path.join(outDir, f), 'utf8')));
    expect(leftovers).toEqual([]);
    // the locales and static files are beside the modules that read them relative to import.meta.url
    expect(existsSync(path.join(outDir, 'locales'))).toBe(true);
    expect(existsSync(path.join(outDir, 'features/shared/files.worker.mjs'))).toBe(true);
    const { Lru } = (await import(pathToFileURL(path.join(outDir, 'core/lru.js')).href)) as typeof import('../../src/core/lru.ts');
    const cache = new Lru<string, number>({ maxEntries: 2 });
    for (const k of ['a', 'b', 'c']) cache.set(k, 1);
    expect([...cache.keys()]).toEqual(['b', 'c']);
  }, 120_000);

  it('the audit worker threads run from dist/ as `npm start` builds it: the compiled job module, no TypeScript loader', async () => {
    const outDir = path.join(root, 'dist');
    await builder.ensureBuilt({ srcDir: path.join(root, 'src'), outDir });
    expect(existsSync(path.join(outDir, 'features/reports/audit.worker.mjs'))).toBe(true);
    expect(existsSync(path.join(outDir, 'features/reports/audit-jobs.js'))).toBe(true);
    const { createAuditPool } = (await import(pathToFileURL(path.join(outDir, 'features/reports/audit-pool.js')).href)) as typeof import('../../src/features/reports/audit-pool.ts');
    const pool = createAuditPool({ size: 2 });
    try {
      const fixture = (p: string) => ({ bytes: new Uint8Array(readFileSync(path.join(root, 'tests/fixtures/reports', p))), filename: p });
      const { result } = await pool.auditFiles([fixture('pingtan-2021/source.html'), fixture('zhifu-approval-2019/source.txt'), { bytes: new Uint8Array([1, 2, 3]), filename: 'x.pdf' }]);
      expect(result.reports.map((r) => [r.file, r.agency, r.year, r.status])).toEqual([
        ['pingtan-2021/source.html', '平潭综合实验区', 2021, 'clean'],
        ['zhifu-approval-2019/source.txt', '烟台市芝罘区行政审批服务局', 2019, 'clean'],
        ['x.pdf', null, null, 'unreadable'],
      ]);
    } finally {
      await pool.close();
    }
  }, 180_000);
});
