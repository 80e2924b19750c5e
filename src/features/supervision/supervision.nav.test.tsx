import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SUPERVISION_SECTIONS, SupervisionNav, supervisionHref } from './supervision.nav.tsx';

const links = (html: string) => [...html.matchAll(/<a href="([^"]*)"( aria-current="page")?>([^<]*)<\/a>/g)].map((m) => ({ href: m[1]!, current: !!m[2], text: m[3]! }));

describe('SupervisionNav', () => {
  it('one tab per section in the product tab style, only the current one marked', () => {
    const html = renderToStaticMarkup(<SupervisionNav current="rankings" year={2024} />);
    expect(html).toMatch(/^<nav aria-label="督查" class="gk-tabs"><ul class="gk-list gk-list--inline">/);
    const l = links(html);
    expect(l.map((x) => x.text)).toEqual(['督查体检', '整改', '差异比对', '总览与督促', '考核排名', '不定期抽查', '比较与排名', '规则热力图', '汇总核对设定']);
    expect(l.filter((x) => x.current).map((x) => x.text)).toEqual(['比较与排名']);
  });

  it('carries the page’s year to the yearly sections only', () => {
    const l = links(renderToStaticMarkup(<SupervisionNav current="overview" year={2023} />));
    expect(l.map((x) => x.href)).toEqual([
      '/admin/supervision', '/admin/supervision/rectifications', '/admin/supervision/report-comparison',
      '/admin/supervision/overview?year=2023', '/admin/supervision/assessment?year=2023', '/admin/supervision/assessment/sample?year=2023',
      '/admin/supervision/rankings?year=2023', '/admin/supervision/heatmap?year=2023', '/admin/supervision/hierarchy',
    ]);
    expect(links(renderToStaticMarkup(<SupervisionNav current="runs" />)).map((x) => x.href)).toEqual(SUPERVISION_SECTIONS.map((s) => supervisionHref(s)));
  });

  it('in English: every tab and the navigation’s name without a Chinese character', () => {
    const html = renderToStaticMarkup(<SupervisionNav current="hierarchy" locale="en" />);
    expect(html).toContain('aria-label="Supervision"');
    expect(html).not.toMatch(/\p{Script=Han}/u);
    expect(links(html).find((x) => x.current)?.text).toBe('Consolidation checks');
  });
});
