// The linear-scan `slim` (html.ts) must give exactly what the three regular-expression replacements it replaced
// gave (the reference below, as committed in dc54b2b): on the archived report pages and on generated HTML-like text.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slim } from './html.ts';

function slimReference(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi, '')
    .replace(/<\/?(?:span|font|o:p|a|b|i|u|s|em|strong|sup|sub|img|input|label|st1:[a-z]+|meta|link|small|big)\b[^<>]*>/gi, '')
    .replace(/<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*)>/g, (_m: string, tag: string, attrs: string) => {
      const keep = /span/i.test(attrs) ? attrs.match(/\s(?:rowspan|colspan)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi) : null;
      return `<${tag}${keep ? keep.join('') : ''}>`;
    });
}

describe('slim (linear scan) = the regular-expression reference', () => {
  it.each(['pingtan-2019', 'pingtan-2021', 'pingtan-2023'])('archived page %s', (slug) => {
    const html = readFileSync(new URL(`../../../../tests/fixtures/reports/${slug}/source.html`, import.meta.url), 'utf8');
    const got = slim(html);
    expect(got).toBe(slimReference(html));
    // and it is much smaller than the page (the mso-* style attributes are gone)
    expect(got.length).toBeLessThan(html.length / 4);
  });

  it.each([
    // a removal joins text into a tag that the next replacement then matches
    ['<td x<span>y>z', '<td>z'],
    ['<<!-- c -->span>t', 't'],
    ['<td<b> colspan=2 x>', '<td colspan=2>'],
    ['</span<!-- c -->>x<o:<!---->p>y', 'xy'],
    ['<td width="71" colspan="2" style="x">a</td>', '<td colspan="2">a</td>'],
    ['<TD ROWSPAN=3 class=x>b</TD>', '<TD ROWSPAN=3>b</TD>'],
    ['<p class="p"><span style="a">本年</span><o:p></o:p><st1:chsdate Year="2019">2019</st1:chsdate></p>', '<p>本年2019</p>'],
    ['<abbr title="t">x</abbr><sup>1</sup><section id=a>y</section>', '<abbr>x</abbr>1<section>y</section>'],
    ['<script>var a = "<td colspan=2>";</script><style>p{}</style><!-- <table> -->z', 'z'],
    ['<SCRIPT type="x">1</script >w<span', 'w<span'],
    ['<td\u3000colspan=2 width=3>c</td><br/><br />', '<td\u3000colspan=2>c</td><br/><br>'],
    ['<a href="x<y">t</a>', '<a href="x<y">t'],
    ['<O:P></o:P>x<Font face=a>y</FONT><ST1:Place>z</st1:PLACE>', 'xyz'],
    ['<o:pp>1</o:pp><st1:place2>2</st1:place2><st1:>3', '<o:pp>1</o:pp><st1:place2>2</st1:place2><st1:>3'],
  ])('%s', (html, want) => {
    expect(slim(html)).toBe(want);
    expect(slimReference(html)).toBe(want);
  });

  it('generated HTML-like text', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '<', '>', '</', '/', ':', ' ', '\u3000', '\u00a0', '\u2000', '\u2028', '\u205f', '\ufeff', '\u1680', '\u200b', '\n', '中', '"', "'", '=', '-', '!', '<!--', '-->', '<script>', '</script>', '<style ', '</STYLE>',
        'span', 'SPAN', 'font', 'o:p', 'o:P', 'st1:', 'place', 'a', 'b', 'abbr', 's', 'sup', 'small', 'td', 'tr', 'table', 'p', 'br', 'div',
        'rowspan', 'colspan', 'ColSpan', '2', 'x_1', '本年', 'style="mso-x:1"', 'class=p',
      ),
      fc.constantFrom('<td', '<TD', '<span', '</span', '<st1:', '</st1:', '<o:p', '</o:p', '<a', '<p', '<br', '<sub', '<abbr', '<v:shape'),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const html = parts.join('');
        expect(slim(html)).toBe(slimReference(html));
      }),
      { numRuns: 5000 },
    );
  });
});
