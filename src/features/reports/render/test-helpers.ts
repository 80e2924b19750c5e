// Test helper (used only by *.test.ts here): report models built from the fixtures' expected.json
// (tests/fixtures/reports/<slug>/expected.json), plus narrative sections for the seed-like report.
import { readFileSync } from 'node:fs';
import type { ReportModel } from '../../../core/report/model.ts';

const root = new URL('../../../../tests/fixtures/reports/', import.meta.url);

export function fixtureJson(slug: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${slug}/expected.json`, root), 'utf8')) as Record<string, unknown>;
}

interface ExpectedJson {
  agency: string; year: number; format: ReportModel['format']; format_note?: string; title?: string; published?: string;
  table2: ReportModel['table2']; table3: ReportModel['table3']; table4: ReportModel['table4'];
}

/** A ReportModel from a fixture's label-keyed expected.json (the tables are already in model shape). */
export function modelFromExpected(slug: string, sections: ReportModel['sections'] = []): ReportModel {
  const j = fixtureJson(slug) as unknown as ExpectedJson;
  return {
    schemaVersion: 1,
    agency: j.agency,
    year: j.year,
    format: j.format,
    formatNote: j.format_note ?? null,
    title: j.title ?? null,
    published: j.published ?? null,
    sections,
    table2: j.table2,
    table3: j.table3,
    table4: j.table4,
  };
}

/** The seed report (芝罘区行政审批服务局 2019, seven-part layout) with short narrative sections. */
export function seedModel(): ReportModel {
  return modelFromExpected('zhifu-approval-2019', [
    { key: 'overview', heading: '一、总体情况', text: '2019年，芝罘区行政审批服务局始终坚持“始于百姓需求，终于群众满意”的服务理念。\n受理依申请公开1件，在规定时限高效办结。' },
    { key: 'proactive', heading: '二、主动公开政府信息情况', text: '' },
    { key: 'requests', heading: '三、收到和处理政府信息公开申请情况', text: '' },
    { key: 'appeals', heading: '四、政府信息公开行政复议、行政诉讼情况', text: '' },
    { key: 'supervision', heading: '五、监督情况（考核、社会评议和责任追究）', text: '严格执行定期考核、不定期抽查制度。' },
    { key: 'problems', heading: '六、存在的主要问题及改进情况', text: '信息公开的及时性有待提高。' },
    { key: 'other', heading: '七、其他需要报告的事项', text: '本年度未收取信息处理费。' },
  ]);
}
