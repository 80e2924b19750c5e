// Every report fixture (tests/fixtures/reports, copied from shared/fixtures/reports with provenance in
// tests/fixtures/README.md) imports cell-exact against its expected.json — from each source file it has.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importReport, type ImportResult } from './index.ts';

const root = new URL('../../../../tests/fixtures/reports/', import.meta.url);

interface Expected {
  agency: string | null;
  year: number | null;
  title: string;
  published?: string;
  format: string;
  table2: Record<string, Record<string, Record<string, number | null>>>;
  table3: { columns: string[]; rows: Record<string, (number | null)[]> };
  table4: Record<string, Record<string, number | null>>;
}

function expected(slug: string): Expected {
  return JSON.parse(readFileSync(new URL(`${slug}/expected.json`, root), 'utf8')) as Expected;
}

const cache = new Map<string, Promise<ImportResult>>();
function imported(slug: string, file: string): Promise<ImportResult> {
  const k = `${slug}/${file}`;
  if (!cache.has(k)) cache.set(k, importReport({ bytes: new Uint8Array(readFileSync(new URL(k, root))), filename: file }));
  return cache.get(k)!;
}

// Sources whose tables keep their cell boundaries: all three tables must be exact.
const CELL_SOURCES: [slug: string, file: string][] = [
  ['pingtan-2019', 'source.html'],
  ['pingtan-2021', 'source.html'],
  ['pingtan-2023', 'source.html'],
  ['huaian-2024', 'source.pdf'],
  ['zhifu-approval-2019', 'source.txt'],
  ['template-2021', 'template.docx'],
];

describe('importReport: fixtures with cell boundaries (HTML, PDF, tab text, DOCX)', { timeout: 120_000 }, () => {
  it.each(CELL_SOURCES)('%s/%s: tables 二, 三, 四 cell-exact, format, metadata', async (slug, file) => {
    const exp = expected(slug);
    const { model, notes } = await imported(slug, file);
    expect(model.table2).toEqual(exp.table2);
    expect(model.table3).toEqual(exp.table3);
    expect(model.table4).toEqual(exp.table4);
    expect(model.format).toBe(exp.format);
    expect(model.formatNote).toMatch(exp.format === '2019' ? /2019/ : /2021/);
    expect(model.agency).toBe(exp.agency ?? '');
    expect(model.year).toBe(exp.year ?? 0);
    expect(model.title).toBe(exp.title);
    expect(model.published ?? undefined).toBe(exp.published);
    // nothing the importer was unsure about, no unreadable cell
    expect(notes.filter((n) => n.level === 'error' || (n.level === 'unsure' && n.cell))).toEqual([]);
  });
});

// The archive's text extraction (page.txt) flattens the tables: the digits of a row run together.
// Tables 三 and 四 are recovered from their 勾稽 constraints; table 二 has no constraint, so a row whose
// digits can be split several ways stays blank and its note lists the candidates (never a silent guess).
const FLAT: [slug: string, ambiguousT2: [block: string, row: string][]][] = [
  ['pingtan-2019', [
    ['第二十条第（一）项', '规范性文件'],
    ['第二十条第（五）项', '行政许可'],
    ['第二十条第（五）项', '其他对外管理服务事项'],
    ['第二十条第（六）项', '行政处罚'],
    ['第二十条第（六）项', '行政强制'],
    ['第二十条第（八）项', '行政事业性收费'],
    ['第二十条第（九）项', '政府集中采购'],
  ]],
  ['pingtan-2021', [['第二十条第（一）项', '行政规范性文件']]],
  ['pingtan-2023', [['第二十条第（一）项', '行政规范性文件']]],
];

describe('importReport: pingtan source.txt (flattened tables, run-together digits)', { timeout: 60_000 }, () => {
  it.each(FLAT)('%s/source.txt: tables 三 and 四 exact, table 二 exact or blank with the true split among the candidates', async (slug, ambiguous) => {
    const exp = expected(slug);
    const { model, notes } = await imported(slug, 'source.txt');
    expect(model.format).toBe(exp.format);
    expect(model.year).toBe(exp.year);
    expect(model.published).toBe(exp.published);
    expect(model.table3).toEqual(exp.table3);
    expect(model.table4).toEqual(exp.table4);
    for (const [block, rows] of Object.entries(exp.table2)) {
      for (const [row, cols] of Object.entries(rows)) {
        const isAmbiguous = ambiguous.some(([b, r]) => b === block && r === row);
        const got = model.table2[block]?.[row];
        if (!isAmbiguous) {
          expect(got, `${block} ${row}`).toEqual(cols);
          continue;
        }
        expect(Object.values(got ?? {}).every((v) => v === null), `${block} ${row} left blank`).toBe(true);
        const note = notes.find((n) => n.cell === `table2|${block}|${row}` && n.level === 'unsure');
        expect(note, `${block} ${row} has an unsure note`).toBeDefined();
        // the printed values are one of the listed candidates (or the list says there are more)
        const truth = Object.values(cols).map(String).join(' | ');
        expect(note!.message.includes(`［${truth}］`) || note!.message.includes('等共')).toBe(true);
      }
    }
    // every other note is informational
    const bad = notes.filter((n) => n.level !== 'info' && !ambiguous.some(([b, r]) => n.cell === `table2|${b}|${r}`));
    expect(bad).toEqual([]);
  });

  it('pingtan-2021/source.txt: the recovered rows and table 四 are explained in info notes', async () => {
    const { notes } = await imported('pingtan-2021', 'source.txt');
    expect(notes.find((n) => n.cell === 'table3|（一）予以公开')?.message).toContain('27 | 0 | 0 | 2 | 0 | 1 | 30');
    expect(notes.find((n) => n.cell === 'table4')?.message).toContain('1 | 0 | 2 | 0 | 3 | 12 | 0 | 0 | 0 | 12 | 0 | 0 | 0 | 0 | 0');
  });
});

describe('importReport: narrative sections', { timeout: 120_000 }, () => {
  it.each([
    ['zhifu-approval-2019', 'source.txt', ['overview', 'proactive', 'requests', 'appeals', 'supervision', 'problems', 'other'], '2019年我局未收到建议和提案办理。'],
    ['pingtan-2021', 'source.html', ['overview', 'proactive', 'requests', 'appeals', 'problems', 'other'], '2021年，无收取信息处理费情况。'],
    ['pingtan-2023', 'source.txt', ['overview', 'proactive', 'requests', 'appeals', 'problems', 'other'], '2023年，无收取信息处理费情况。'],
    ['huaian-2024', 'source.pdf', ['overview', 'proactive', 'requests', 'appeals', 'problems', 'other'], '全年收取政府信息公开信息处理费3940元。'],
    ['template-2021', 'template.docx', ['overview', 'proactive', 'requests', 'appeals', 'problems', 'other'], '（文字描述，收取信息处理费情况在此处报告。）'],
  ] as const)('%s/%s: headings in order, section 其他 text', async (slug, file, keys, otherText) => {
    const { model } = await imported(slug, file);
    expect(model.sections.map((s) => s.key)).toEqual(keys);
    const other = model.sections.find((s) => s.key === 'other')!;
    expect(other.text).toContain(otherText);
    expect(other.text).not.toContain('附件下载');
    // table text is not narrative
    expect(model.sections.find((s) => s.key === 'requests')!.text).not.toContain('本列数据');
  });

  it('zhifu: the seven-part layout keeps 五、…监督情况 and 七、其他需要报告的事项 as printed', async () => {
    const { model } = await imported('zhifu-approval-2019', 'source.txt');
    expect(model.sections.find((s) => s.key === 'supervision')!.heading).toBe('五、政府信息公开工作考核、社会评议和责任追究结果等监督情况');
    expect(model.sections.find((s) => s.key === 'other')!.heading).toBe('七、其他需要报告的事项');
    expect(model.sections.find((s) => s.key === 'overview')!.text).toContain('受理依申请公开1件');
  });
});
