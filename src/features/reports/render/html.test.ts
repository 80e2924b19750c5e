import { describe, expect, it } from 'vitest';
import { parse } from 'parse5';
import { TABLE3_COLUMNS } from '../../../core/report/formats.ts';
import type { ReportModel } from '../../../core/report/model.ts';
import { renderHtml } from './html.tsx';
import { modelFromExpected, seedModel } from './test-helpers.ts';

type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; value?: string };

function all(node: Node, name: string, out: Node[] = []): Node[] {
  if (node.nodeName === name) out.push(node);
  for (const c of node.childNodes ?? []) all(c, name, out);
  return out;
}
const attr = (n: Node, a: string) => n.attrs?.find((x) => x.name === a)?.value;
const text = (n: Node): string => (n.nodeName === '#text' ? n.value ?? '' : (n.childNodes ?? []).map(text).join(''));
/** Visible text: without the visually-hidden spans (空 / marker words). */
const visible = (n: Node): string => (attr(n, 'class') === 'gk-vh' ? '' : n.nodeName === '#text' ? n.value ?? '' : (n.childNodes ?? []).map(visible).join(''));

/** Expands a <table> into a matrix of texts, resolving rowspan/colspan as a browser (and the importer) does. */
function matrix(table: Node): string[][] {
  const out: string[][] = [];
  all(table, 'tr').forEach((tr, r) => {
    out[r] ??= [];
    let c = 0;
    for (const cell of (tr.childNodes ?? []).filter((n) => n.nodeName === 'td' || n.nodeName === 'th')) {
      while (out[r]![c] !== undefined) c += 1;
      const rs = Number(attr(cell, 'rowspan') ?? 1);
      const cs = Number(attr(cell, 'colspan') ?? 1);
      for (let dr = 0; dr < rs; dr += 1) for (let dc = 0; dc < cs; dc += 1) (out[r + dr] ??= [])[c + dc] = visible(cell);
      c += cs;
    }
  });
  return out;
}

/** Reads 表三 back from the matrix: row label = the distinct label cells joined "group/sub-row". */
function readTable3(m: string[][]): Record<string, (number | null)[]> {
  const rows: Record<string, (number | null)[]> = {};
  for (const line of m.slice(3)) {
    const labels = [...new Set(line.slice(0, 3))].filter((l) => l !== '三、本年度办理结果');
    const key = labels.map((l) => l.replace('（区分处理的，只计这一情形，不计其他情形）', '')).join('/');
    rows[key] = line.slice(3).map((v) => (v === '' ? null : Number(v)));
  }
  return rows;
}

describe('renderHtml', { timeout: 30_000 }, () => {
  it.each([
    ['pingtan-2023', modelFromExpected('pingtan-2023')],
    ['zhifu-approval-2019', seedModel()],
    ['pingtan-2019', modelFromExpected('pingtan-2019')],
  ] as [string, ReportModel][])('%s: 表三 reads back cell-exact from the HTML matrix', (_slug, model) => {
    const doc = parse(renderHtml(model)) as unknown as Node;
    const tables = all(doc, 'table');
    expect(tables).toHaveLength(3);
    const t3 = matrix(tables[1]!);
    expect(t3[0]![0]).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(t3[2]!.slice(3)).toEqual(['自然人', ...TABLE3_COLUMNS.slice(1, 6), '总计']);
    expect(readTable3(t3)).toEqual(model.table3.rows);
    // 表四: three header rows and one data row of 15 numbers.
    const t4 = matrix(tables[2]!);
    expect(t4[3]!.map(Number)).toEqual(['行政复议', '未经复议直接起诉', '复议后起诉'].flatMap((g) =>
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((c) => model.table4[g]![c])));
  });

  it('pingtan-2023: 表二 blocks read back with their merged value cells', () => {
    const model = modelFromExpected('pingtan-2023');
    const t2 = matrix(all(parse(renderHtml(model)) as unknown as Node, 'table')[0]!);
    expect(t2[0]).toEqual(Array(4).fill('第二十条第（一）项'));
    expect(t2[3]).toEqual(['行政规范性文件', '77', '132', '470']);
    expect(t2.find((r) => r[0] === '行政事业性收费')).toEqual(['行政事业性收费', '5949.088667', '5949.088667', '5949.088667']);
  });

  it('uses rowspan/colspan, <caption>, <th scope> on every header and `headers` on every number', () => {
    const html = renderHtml(modelFromExpected('pingtan-2023'));
    const doc = parse(html) as unknown as Node;
    expect(html).toContain('<td rowspan="3" colspan="3" id="gk-t3-note" class="gk-note">');
    expect(html).toContain('<th rowspan="22" scope="rowgroup" id="gk-t3-result" class="gk-rowhead">三、本年度办理结果</th>');
    expect(all(doc, 'caption').map(text)).toEqual(['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
    const ths = all(doc, 'th');
    expect(ths.length).toBeGreaterThan(60);
    expect(ths.filter((th) => !attr(th, 'scope'))).toEqual([]);
    const ids = new Set(all(doc, 'th').map((th) => attr(th, 'id')));
    const tds = all(doc, 'td').filter((td) => attr(td, 'data-cell'));
    expect(tds).toHaveLength(2 * 3 + 1 + 2 + 1 + 25 * 7 + 15); // 表二 (一)(五)(六)(八), 表三 25×7, 表四 15
    for (const td of tds) {
      const hs = (attr(td, 'headers') ?? '').split(' ');
      expect(hs.length).toBeGreaterThanOrEqual(2);
      for (const h of hs) expect(ids.has(h)).toBe(true);
    }
  });

  it('escapes script in the agency name, title and section text', () => {
    const m = seedModel();
    m.agency = '<script>alert("agency")</script>';
    m.title = null;
    m.sections[0]!.text = '正文<img src=x onerror=alert(1)>\n</p><script>alert(2)</script>';
    const html = renderHtml(m);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('<title>&lt;script&gt;alert("agency")&lt;/script&gt;2019年政府信息公开工作年度报告</title>');
    expect(html).toContain('<p>正文&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html).toContain('&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('is a complete page: charset, viewport for phones, inline print CSS', () => {
    const html = renderHtml(seedModel());
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('@media print');
    expect(html).toContain('.gk-table-scroll { overflow-x: auto;');
  });
});
