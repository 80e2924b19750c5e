// The printed order of a report, shared by every renderer: title, metadata, the narrative
// sections in order, and each official table right after its section heading (as published
// reports print 表二 under 二、主动公开政府信息情况, 表三 under 三、… and 表四 under 四、…).
import { FORMATS } from '../../core/report/formats.ts';
import type { NarrativeSection, ReportModel } from '../../core/report/model.ts';
import { reportGrids, layoutName, TABLE_SECTION, TABLE_TITLES, type Grid, type TableKey } from './grid.ts';
import { t } from '../i18n.ts';
import type { Locale } from '../types.ts';

export type OutlineBlock =
  | { kind: 'heading'; text: string; sectionKey: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; key: TableKey; title: string; grid: Grid };

export interface ReportOutline {
  title: string;
  meta: { key: string; label: string; value: string }[];
  blocks: OutlineBlock[];
}

/** Title as published, or the conventional one: 「<机关>YYYY年政府信息公开工作年度报告」. */
export function reportTitle(model: ReportModel): string {
  const title = model.title?.trim();
  if (title) return title;
  // agency "" / year 0 mean unknown (a blank template): leave them out rather than print "0年".
  return `${model.agency}${model.year > 0 ? `${model.year}年` : ''}政府信息公开工作年度报告`;
}

/** The model's sections, or the format's standard headings when the model has none
 *  (e.g. a report built from table data only). */
export function sectionsOf(model: ReportModel): NarrativeSection[] {
  if (model.sections && model.sections.length > 0) return model.sections;
  const fmt = model.format === 'hybrid' ? '2021' : model.format;
  return FORMATS[fmt].sections.map((s) => ({ key: s.key, heading: s.heading, text: '' }));
}

/** Paragraphs of a section's text: one per non-empty line. */
export function paragraphs(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
}

export function reportOutline(model: ReportModel, opts: { locale?: Locale; idPrefix?: string } = {}): ReportOutline {
  const locale = opts.locale ?? 'zh-CN';
  const grids = reportGrids(model, opts.idPrefix ?? 'gk');
  const meta: ReportOutline['meta'] = [];
  if (model.agency) meta.push({ key: 'agency', label: t(locale, 'report.meta.agency'), value: model.agency });
  if (model.creditCode) meta.push({ key: 'creditCode', label: t(locale, 'report.meta.creditCode'), value: model.creditCode });
  if (model.year > 0) meta.push({ key: 'year', label: t(locale, 'report.meta.year'), value: t(locale, 'report.meta.yearValue', { year: model.year }) });
  meta.push({ key: 'format', label: t(locale, 'report.meta.format'), value: layoutName(model.format) });
  if (model.published) meta.push({ key: 'published', label: t(locale, 'report.meta.published'), value: model.published });

  const tableOfSection = new Map<string, TableKey>(
    (Object.keys(TABLE_SECTION) as TableKey[]).map((k) => [TABLE_SECTION[k], k]),
  );
  const placed = new Set<TableKey>();
  const blocks: OutlineBlock[] = [];
  const pushTable = (key: TableKey) => {
    if (placed.has(key)) return;
    placed.add(key);
    blocks.push({ kind: 'table', key, title: TABLE_TITLES[key], grid: grids[key] });
  };
  for (const s of sectionsOf(model)) {
    blocks.push({ kind: 'heading', text: s.heading, sectionKey: s.key });
    const table = tableOfSection.get(s.key);
    if (table) pushTable(table);
    for (const p of paragraphs(s.text ?? '')) blocks.push({ kind: 'paragraph', text: p });
  }
  // A report whose sections lack 二/三/四 still prints every table, under its standard heading.
  for (const key of ['table2', 'table3', 'table4'] as TableKey[]) {
    if (placed.has(key)) continue;
    blocks.push({ kind: 'heading', text: TABLE_TITLES[key], sectionKey: TABLE_SECTION[key] });
    pushTable(key);
  }
  return { title: reportTitle(model), meta, blocks };
}
