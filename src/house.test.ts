// House rules a newcomer relies on: comments say what the code does (not which work item asked for it), and
// every runtime dependency in package.json is used by the code (by import or by a package path).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function filesUnder(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

/** Comment text of a TypeScript file: // line comments and block comments (strings are not parsed; good enough here). */
function comments(src: string): string[] {
  return [...src.matchAll(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g)].map((m) => m[0]);
}

describe('house rules', () => {
  it('no comment in src/ names a work item ("issue 7"): comments say what the code does', () => {
    const offenders: string[] = [];
    for (const f of filesUnder(path.join(root, 'src'), ['.ts', '.tsx'])) {
      const rel = path.relative(root, f);
      if (rel.endsWith('.test.ts') || rel.endsWith('.test.tsx')) continue;
      for (const c of comments(readFileSync(f, 'utf8'))) if (/\bissue[ -]?\d+\b/i.test(c)) offenders.push(`${rel}: ${c.trim().slice(0, 80)}`);
    }
    expect(offenders).toEqual([]);
  });

  it('every runtime dependency is used by the code', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; allowScripts?: Record<string, boolean> };
    const code = ['src', 'bin', 'scripts', 'bench'].flatMap((d) => filesUnder(path.join(root, d), ['.ts', '.tsx', '.mjs', '.js'])).map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = Object.keys(pkg.dependencies).filter((d) => !code.includes(`'${d}'`) && !code.includes(`'${d}/`) && !code.includes(`"${d}"`));
    expect(unused).toEqual([]);
    // allowScripts names only packages that are installed as dependencies (directly or through one)
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    for (const name of Object.keys(pkg.allowScripts ?? {})) expect(lock.packages[`node_modules/${name}`], name).toBeDefined();
  });
});
