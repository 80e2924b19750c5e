// The stylesheet's promises: AA contrast for every text/background pair we use (WCAG 2.x, as
// GB/T 37668-2019 requires), system fonts only, no external URL, 长辈模式 ≥ 1.5×.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('./static/site.css', import.meta.url), 'utf8');

function vars(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no block ${selector}`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/(--gk-[\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}

export function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** [foreground, background] pairs that occur in site.css. */
const PAIRS: [string, string][] = [
  ['--gk-text', '--gk-bg'],
  ['--gk-text', '--gk-bg-muted'],
  ['--gk-text-secondary', '--gk-bg'],
  ['--gk-text-secondary', '--gk-bg-muted'],
  ['--gk-link', '--gk-bg'],
  ['--gk-link', '--gk-bg-muted'],
  ['--gk-link', '--gk-blue-light'],
  ['--gk-link-visited', '--gk-bg'],
  ['--gk-on-blue', '--gk-blue'],
  ['--gk-on-blue', '--gk-blue-dark'],
  ['--gk-red', '--gk-bg'],
  ['--gk-red-text', '--gk-red-bg'],
  ['--gk-text', '--gk-red-bg'],
  ['--gk-amber-text', '--gk-amber-bg'],
  ['--gk-text', '--gk-amber-bg'],
  ['--gk-green-text', '--gk-green-bg'],
  ['--gk-text', '--gk-green-bg'],
  ['--gk-grey-text', '--gk-grey-bg'],
  ['--gk-blue-text', '--gk-blue-light'],
  ['--gk-blue-text', '--gk-bg'],
  ['--gk-text', '--gk-blue-light'],
  ['--gk-focus-text', '--gk-focus'],
];

describe('site.css', () => {
  it('contrast(black, white) is 21 (the formula is right)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  const normal = vars(':root');
  const high = { ...normal, ...vars('html.gk-contrast') };
  it.each(PAIRS)('normal mode: %s on %s ≥ 4.5:1', (fg, bg) => {
    expect(normal[fg], fg).toBeDefined();
    expect(normal[bg], bg).toBeDefined();
    expect(contrast(normal[fg]!, normal[bg]!)).toBeGreaterThanOrEqual(4.5);
  });
  it.each(PAIRS)('high contrast: %s on %s ≥ 7:1', (fg, bg) => {
    expect(contrast(high[fg]!, high[bg]!)).toBeGreaterThanOrEqual(7);
  });

  it('UI parts: input borders and the white-on-blue switch borders ≥ 3:1', () => {
    expect(contrast(normal['--gk-border']!, normal['--gk-bg']!)).toBeGreaterThanOrEqual(3);
    expect(contrast(normal['--gk-red']!, normal['--gk-bg']!)).toBeGreaterThanOrEqual(3);
    expect(contrast(normal['--gk-amber']!, normal['--gk-bg']!)).toBeGreaterThanOrEqual(3);
    expect(contrast(normal['--gk-green']!, normal['--gk-bg']!)).toBeGreaterThanOrEqual(3);
  });

  it('uses the system CJK stacks of ui.md, 16px / 1.75 body text, and no external resource', () => {
    expect(css).toContain('"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif');
    expect(css).toContain('"FangSong", "STFangsong", "Noto Serif CJK SC", serif');
    expect(css).toMatch(/html \{\s*font-size: 100%;/);
    expect(css).toMatch(/line-height: 1\.75;/);
    expect(css).not.toMatch(/@import|@font-face|url\(/);
    expect(css).not.toMatch(/https?:\/\//);
  });

  it('长辈模式 scales the root size by at least 1.5×, and text sizes are in rem (so they scale)', () => {
    const m = /html\.gk-large \{ font-size: (\d+)%; \}/.exec(css);
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(150);
    const px = [...css.matchAll(/font-size:\s*(\d+)px/g)];
    expect(px).toEqual([]);
  });

  it('has visible focus styles, a phone breakpoint and print styles', () => {
    expect(css).toMatch(/:focus-visible \{ outline: 3px solid/);
    expect(css).toContain('@media (max-width: 48rem)');
    expect(css).toContain('@media print');
  });

  it('lets a wide table scroll in its own box (not the page), its row headers keeping a readable width', () => {
    expect(css).toMatch(/\.gk-table-wrap \{[^}]*overflow-x: auto;/);
    // the back office's page column may shrink below its content, so that the wrap (not the page) scrolls
    expect(css).toMatch(/\.gk-admin__body \{[^}]*grid-template-columns: 13rem minmax\(0, 1fr\)/);
    const rowHeader = /\.gk-table tbody th\[scope="row"\] \{ min-width: (\d+(?:\.\d+)?)em; \}/.exec(css);
    expect(Number(rowHeader?.[1])).toBeGreaterThanOrEqual(6);
    // in the box, a cell keeps its words whole and a width of its own
    expect(css).toMatch(/\.gk-table-wrap \.gk-table td \{ min-width: \d+em; overflow-wrap: normal; \}/);
  });
});
