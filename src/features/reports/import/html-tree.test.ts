// The HTML reader without parse5 (html-tree.ts) must read every page exactly as the parse5 tree did: the lines and
// title of `htmlLines` from both trees are compared on every HTML report of tests/fixtures, damaged copies of them
// (cut, lines dropped, cells merged, tags in other letter cases …), the benchmark's generated files and seeded tag
// soup; and the pages it is meant for (the fixtures, the benchmark's files) must not fall back to parse5.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateAuditFiles } from '../../../../bench/report-audit-files.ts';
import { mulberry32 } from '../../../core/random.ts';
import { htmlLines, slim } from './html.ts';
import { simpleTree } from './html-tree.ts';

const root = new URL('../../../../', import.meta.url);

function fixturePages(): { name: string; html: string }[] {
  const out: { name: string; html: string }[] = [];
  for (const dir of ['tests/fixtures/reports/', 'tests/fixtures/report-shapes/']) {
    const base = new URL(dir, root);
    for (const e of readdirSync(base, { withFileTypes: true, recursive: true })) {
      if (!e.isFile() || !e.name.endsWith('.html')) continue;
      const path = `${(e.parentPath ?? base.pathname).replace(/\/$/, '')}/${e.name}`;
      out.push({ name: path.slice(path.indexOf('tests/fixtures/')), html: readFileSync(path, 'utf8') });
    }
  }
  return out;
}

/** Damaged and reworded copies, as a badly saved or converted page would be. */
function damaged(html: string): [string, string][] {
  const cuts = [0.05, 0.2, 0.35, 0.5, 0.6, 0.75, 0.9, 0.97].map((f): [string, string] => [`cut at ${f}`, html.slice(0, Math.floor(html.length * f))]);
  return [
    ...cuts,
    ['every seventh line dropped', html.split('\n').filter((_, i) => i % 7 !== 3).join('\n')],
    ['every fifth line dropped', html.split('\n').filter((_, i) => i % 5 !== 1).join('\n')],
    ['cells merged', html.replace(/(\d)<\/td>\s*<td[^>]*>(\d)/gi, '$1$2</td><td>')],
    ['。 replaced', html.replaceAll('。', '.')],
    ['tags upper case', html.replace(/<(\/?)([a-z][a-z0-9]*)/g, (_m, s: string, n: string) => `<${s}${n.toUpperCase()}`)],
    ['rowspan/colspan upper case', html.replace(/(row|col)span/g, (m) => m.toUpperCase())],
    ['full-width space after tag names', html.replace(/<(td|p|div)(\s)/gi, '<$1\u3000')],
    ['closing tags of rows dropped', html.replace(/<\/tr>/gi, '')],
    ['closing tags of cells dropped', html.replace(/<\/td>/gi, '')],
    ['closing tags of paragraphs dropped', html.replace(/<\/p>/gi, '')],
    ['tbody dropped', html.replace(/<\/?tbody[^>]*>/gi, '')],
    ['nbsp as entity', html.replace(/\u00a0/g, '&nbsp;')],
    ['CRLF', html.replace(/\n/g, '\r\n')],
    ['a paragraph around the tables', html.replace(/<table/gi, '<p><table').replace(/<\/table>/gi, '</table></p>')],
    ['text between rows', html.replace(/<\/tr>/gi, '</tr>x')],
    ['divs not closed', html.replace(/<\/div>/gi, '')],
  ];
}

function sameReading(html: string): boolean {
  const fast = htmlLines(html);
  const reference = htmlLines(html, 'parse5');
  expect(fast).toEqual(reference);
  return simpleTree(slim(html)) !== undefined;
}

describe('the HTML reader without parse5 reads as the parse5 tree', () => {
  const pages = fixturePages();

  it('finds the fixture pages', () => {
    expect(pages.map((p) => p.name)).toEqual(expect.arrayContaining(['tests/fixtures/reports/pingtan-2019/source.html', 'tests/fixtures/report-shapes/label-2019-in-2021.html']));
  });

  it.each(pages.map((p) => [p.name, p.html] as const))('%s: the same lines, without parse5', (_name, html) => {
    expect(sameReading(html)).toBe(true);
    expect(htmlLines(html).lines.length).toBeGreaterThan(20);
  });

  it.each(pages.map((p) => [p.name, p.html] as const))('%s, damaged copies: the same lines', (_name, html) => {
    let fast = 0;
    for (const [what, copy] of damaged(html)) {
      try {
        if (sameReading(copy)) fast++;
      } catch (e) {
        throw new Error(`${what}: ${(e as Error).message}`);
      }
    }
    // most copies are read without parse5 (the ones with text between rows, a table inside a paragraph … are not)
    expect(fast).toBeGreaterThan(6);
  });

  it('the benchmark\'s files: the same lines, without parse5', () => {
    const files = generateAuditFiles(root.pathname, 20).filter((f) => f.kind === 'HTML');
    expect(files.length).toBe(10);
    for (const f of files) {
      expect(htmlLines(f.bytes)).toEqual(htmlLines(f.bytes, 'parse5'));
      expect(simpleTree(slim(new TextDecoder().decode(f.bytes)))).toBeDefined();
    }
  });

  it.each([
    // implied end tags: a list item closes the one before, a paragraph the open paragraph, a cell the open cell
    ['<ul><li>一<li>二</ul><p>甲<p>乙', ['一', '二', '甲', '乙'], true],
    ['<table><tr><td>1<td rowspan=2>2<tr><td>3</table>', ['1|2', '3'], true],
    // a stray end tag closes nothing: the text runs on in one line
    ['<div>a</span></li>b</div>', ['ab'], true],
    ['<body><div>a</div></body></html>c', ['a', 'c'], true],
    // an end tag of a block that is not open makes an empty paragraph: a line break
    ['a</p>b', ['a', 'b'], true],
    ['<h3>标题<h2>二</h3>x', ['标题', '二', 'x'], true],
    ['&#20108;&amp;&nbsp;x', ['二& x'], true],
    // not covered here: parse5 reads these (text between rows is moved before the table; a table in a paragraph …)
    ['<table><tr><td>1</td></tr>外<tr><td>2</td></tr></table>', ['外', '1', '2'], false],
    ['<p>a<table><tr><td>1</td></tr></table>b', ['a', '1', 'b'], false],
    ['<pre>\n1</pre>', ['1'], false],
    ['x &copy y', ['x © y'], false],
    ['<code>粗<p>段</code>尾', ['粗', '段尾'], false],
    ['<xmp>a<p>b</xmp>c', ['a<p>bc'], false],
  ] as const)('%s', (html, lines, fast) => {
    const got = htmlLines(html);
    expect(got.lines.map((l) => l.cells.join('|'))).toEqual(lines);
    expect(got).toEqual(htmlLines(html, 'parse5'));
    expect(simpleTree(slim(html)) !== undefined).toBe(fast);
  });

  it('seeded tag soup: the same lines whenever the reader takes it', () => {
    const rnd = mulberry32(20261207);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const tags = ['p', 'div', 'li', 'ul', 'ol', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'br', 'h3', 'h1', 'form', 'button',
      'section', 'center', 'dd', 'dt', 'dl', 'text', 'x-a', 'iframe', 'textarea', 'noscript', 'title', 'hr', 'wbr', 'html', 'head', 'body',
      'span', 'font', 'a', 'b', 'img', 'caption', 'pre', 'select', 'address', 'nav', 'header', 'footer', 'article', 'summary'];
    const texts = ['一', '表二', '12', '3', ' ', '\n', '\u00a0', '\u3000', '&nbsp;', '&amp;', '&#49;', '&#x4e00;', '&lt;td&gt;', 'a<b', '&copy;', '&foo;', '<4', '（七）总计', '>'];
    const attrs = ['', '', '', ' rowspan=2', ' colspan="3"', ' rowspan=\'2\' colspan=2', ' class="a>b"', ' title="x<y"', ' style="mso-x:1"', ' ROWSPAN=0', ' colspan=300', ' id=x/', '/'];
    let fast = 0;
    const n = 3000;
    for (let k = 0; k < n; k++) {
      let html = rnd() < 0.3 ? '<!DOCTYPE html>' : '';
      const len = 5 + Math.floor(rnd() * 60);
      for (let i = 0; i < len; i++) {
        const r = rnd();
        if (r < 0.4) html += pick(texts);
        else if (r < 0.75) html += `<${pick(tags)}${pick(attrs)}>`;
        else html += `</${pick(tags)}>`;
      }
      const got = htmlLines(html);
      const reference = htmlLines(html, 'parse5');
      if (JSON.stringify(got) !== JSON.stringify(reference)) expect({ html, got }).toEqual({ html, got: reference });
      if (simpleTree(slim(html))) fast++;
    }
    // a good share of the soup goes the new way (so that this test tests it), the rest through parse5
    expect(fast).toBeGreaterThan(n / 10);
  });
});
