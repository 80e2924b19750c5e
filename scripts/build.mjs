#!/usr/bin/env node
// Compiles src/ to plain JavaScript in dist/ for `gongkai serve` (decision 195): each .ts/.tsx file (tests left out)
// goes through esbuild's transform one by one — the same transform tsx applies at run time, without bundling — into
// the same place under dist/, with its relative imports' `.ts`/`.tsx` rewritten to `.js`; every other file under src/
// (locales, static files, CSS, the file-jobs worker) is copied beside them, so `new URL('./x', import.meta.url)` finds
// the same files. A server process then needs no loader: the tsx loader thread, its transform caches and the inline
// source maps it keeps with every module cost ~65 MB of resident memory (decision 195).
//
// `dist/.build-stamp` holds a fingerprint of the sources (each file's path, size and modification time, and this
// script's own); `bin/gongkai.mjs` compares it before `serve` and rebuilds when it differs, so a fresh clone, a `git
// pull` or an edited file needs no manual step. Several processes may build at once (tests start servers in
// parallel, cluster workers): every file is written to a temporary name and renamed into place, and a file whose
// content is unchanged is not touched, so a running server never sees a half-written module.
//   node scripts/build.mjs            # build dist/ now (npm run build)
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);
export const root = path.resolve(path.dirname(here), '..');
const STAMP = '.build-stamp';

/** Source files compiled to JavaScript: TypeScript under src/ except tests. */
const compiled = (rel) => /\.tsx?$/.test(rel) && !/\.test\.tsx?$/.test(rel) && !rel.endsWith('.d.ts');
/** Files copied as they are: everything under src/ that is not TypeScript. */
const copied = (rel) => !/\.tsx?$/.test(rel);

/**
 * Relative module specifiers ending in .ts/.tsx in static imports/exports and dynamic import(): `from './x.ts'`,
 * `import './x.ts'`, `import('./x.tsx')`. Package specifiers and non-relative paths are left alone.
 */
const SPECIFIER = /((?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"])(\.{1,2}\/[^'"\n]*?)\.tsx?(['"])/g;

export function rewriteSpecifiers(code) {
  return code.replace(SPECIFIER, (_m, head, p, quote) => `${head}${p}.js${quote}`);
}

function listFiles(dir, rel = '') {
  const out = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

/** A fingerprint of what the build reads: the source files (path, size, mtime) and this script. */
export function fingerprint(srcDir = path.join(root, 'src')) {
  const h = createHash('sha256');
  const self = statSync(here);
  h.update(`build.mjs ${self.size} ${self.mtimeMs}\n`);
  for (const rel of listFiles(srcDir)) {
    if (!compiled(rel) && !copied(rel)) continue;
    const s = statSync(path.join(srcDir, rel));
    h.update(`${rel} ${s.size} ${s.mtimeMs}\n`);
  }
  return h.digest('hex');
}

function readOr(file, fallback) {
  try { return readFileSync(file, 'utf8'); } catch { return fallback; }
}

/** Whether outDir holds a build of srcDir's current sources. */
export function isFresh(opts = {}) {
  const srcDir = opts.srcDir ?? path.join(root, 'src');
  const outDir = opts.outDir ?? path.join(root, 'dist');
  return readOr(path.join(outDir, STAMP), '').trim() === fingerprint(srcDir);
}

let tmpCounter = 0;
/** Writes `data` to `file` through a temporary name and a rename; does nothing when the file already holds it. */
function writeAtomically(file, data) {
  try {
    const old = readFileSync(file);
    if (old.equals(Buffer.isBuffer(data) ? data : Buffer.from(data))) return false;
  } catch { /* absent */ }
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${tmpCounter++}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
  return true;
}

/**
 * Builds srcDir into outDir (defaults: src/ → dist/). Returns how many files were compiled, copied and written (changed).
 * esbuild options as tsx's own transform (keepNames, ESM, the automatic JSX runtime from tsconfig), target Node 20; an
 * external source map per file (`x.js.map`, read only when Node runs with --enable-source-maps).
 */
export async function build(opts = {}) {
  const srcDir = opts.srcDir ?? path.join(root, 'src');
  const outDir = opts.outDir ?? path.join(root, 'dist');
  const { transform } = await import('esbuild');
  const stamp = fingerprint(srcDir);
  const files = listFiles(srcDir);
  const expected = new Set([STAMP]);
  let compiledCount = 0;
  let copiedCount = 0;
  let written = 0;
  for (const rel of files) {
    const from = path.join(srcDir, rel);
    if (compiled(rel)) {
      const outRel = rel.replace(/\.tsx?$/, '.js');
      const to = path.join(outDir, outRel);
      const source = readFileSync(from, 'utf8');
      const result = await transform(source, {
        loader: rel.endsWith('.tsx') ? 'tsx' : 'ts',
        format: 'esm',
        target: 'node20',
        jsx: 'automatic',
        keepNames: true,
        sourcemap: 'external',
        sourcefile: path.relative(path.dirname(to), from),
      });
      const base = path.basename(outRel);
      if (writeAtomically(to, `${rewriteSpecifiers(result.code)}//# sourceMappingURL=${base}.map\n`)) written++;
      if (writeAtomically(`${to}.map`, result.map)) written++;
      expected.add(outRel).add(`${outRel}.map`);
      compiledCount++;
    } else if (copied(rel)) {
      if (writeAtomically(path.join(outDir, rel), readFileSync(from))) written++;
      expected.add(rel);
      copiedCount++;
    }
  }
  // files of sources since deleted or renamed, and temporary files of an interrupted build
  for (const rel of listFiles(outDir)) {
    if (expected.has(rel)) continue;
    if (/\.\d+\.\d+\.tmp$/.test(rel) && Date.now() - statSync(path.join(outDir, rel)).mtimeMs < 60_000) continue; // another build's, in progress
    rmSync(path.join(outDir, rel), { force: true });
  }
  writeAtomically(path.join(outDir, STAMP), `${stamp}\n`);
  return { compiled: compiledCount, copied: copiedCount, written };
}

/** Builds dist/ unless it is already current; true when it built. */
export async function ensureBuilt(opts = {}) {
  if (isFresh(opts)) return false;
  await build(opts);
  return true;
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const started = Date.now();
  const r = await build();
  console.log(`dist/: ${r.compiled} modules compiled, ${r.copied} files copied, ${r.written} written (${Date.now() - started} ms)`);
}
