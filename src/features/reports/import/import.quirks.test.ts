// One test per importer quirk, on small hand-made inputs.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../core/report/formats.ts';
import { detect } from './detect.ts';
import { importReport } from './index.ts';
import { enumerateSplits, type Tok } from './split.ts';

const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const gbk = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'gbk'));

const KEYS_2021 = FORMATS['2021'].table3Rows;
const zeros = (): number[] => [0, 0, 0, 0, 0, 0, 0];

/** A tab-separated 2021 table 三 where every row is 0 except the given ones. */
function table3Tsv(rows: Record<string, number[]>, label: (key: string) => string = (k) => k.replace('/', '\t')): string {
  return KEYS_2021.map((k) => `${label(k)}\t${(rows[k] ?? zeros()).join('\t')}`).join('\n');
}

/** Flattened text (digits of a row run together) of a 2021 table 三, as the archive's page.txt prints it. */
function table3Flat(rows: Record<string, string>): string {
  let group = '';
  return KEYS_2021.map((k) => {
    const [g, sub] = k.split('/');
    const label = sub === undefined ? k : g === group ? sub : `${g}${sub}`;
    group = g!;
    return `${label}${rows[k] ?? '0000000'}`;
  }).join('');
}

describe('detect: kind and encoding', () => {
  it.each([
    ['%PDF-1.7\n…', undefined, 'pdf'],
    ['PK\u0003\u0004…', undefined, 'docx'],
    ['<!DOCTYPE html><html><body>x</body></html>', undefined, 'html'],
    ['  <html><head><meta charset="gbk"></head></html>', undefined, 'html'],
    ['一、总体情况\n正文', 'report.txt', 'text'],
    ['正文', 'page.htm', 'html'],
  ] as const)('%j (%s) → %s', (s, filename, kind) => {
    expect(detect(utf8(s), filename).kind).toBe(kind);
  });

  it('GBK bytes without a declaration are decoded as GB18030; valid UTF-8 stays UTF-8', () => {
    expect(detect(gbk('三、收到和处理政府信息公开申请情况'), 'a.txt').encoding).toBe('gb18030');
    expect(detect(utf8('三、收到和处理政府信息公开申请情况'), 'a.txt').encoding).toBe('utf-8');
  });
});

describe('importReport: encodings', () => {
  const html = (charset: string): string => `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>某某局2022年政府信息公开工作年度报告_年报</title></head><body>
    <p>三、收到和处理政府信息公开申请情况</p>
    <table>${KEYS_2021.map((k) => `<tr><td>${k.replace('/', '</td><td>')}</td>${(k.startsWith('一') || k.startsWith('（七）') || k.startsWith('（一）') ? [5, 0, 0, 0, 0, 1, 6] : zeros()).map((v) => `<td>${v}</td>`).join('')}</tr>`).join('')}</table>
    <p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>`;

  it('GBK HTML with <meta charset=gb2312>: labels and numbers read', async () => {
    const { model, notes } = await importReport({ bytes: gbk(html('gb2312')), filename: 'r.html' });
    expect(model.agency).toBe('某某局');
    expect(model.year).toBe(2022);
    expect(model.table3.rows['一、本年新收政府信息公开申请数量']).toEqual([5, 0, 0, 0, 0, 1, 6]);
    expect(model.table3.rows['（一）予以公开']).toEqual([5, 0, 0, 0, 0, 1, 6]);
    expect(notes.some((n) => n.message.includes('GB18030'))).toBe(true);
  });

  it('UTF-8 HTML reads the same numbers', async () => {
    const { model } = await importReport({ bytes: utf8(html('utf-8')), filename: 'r.html' });
    expect(model.table3.rows['（七）总计']).toEqual([5, 0, 0, 0, 0, 1, 6]);
  });

  it('GBK plain text without any declaration', async () => {
    const { model } = await importReport({ bytes: gbk(`某某局2022年政府信息公开工作年度报告\n${table3Tsv({ [KEYS_2021[0]!]: [3, 0, 0, 0, 0, 0, 3] })}`), filename: 'r.txt' });
    expect(model.agency).toBe('某某局');
    expect(model.table3.rows[KEYS_2021[0]!]).toEqual([3, 0, 0, 0, 0, 0, 3]);
  });
});

describe('importReport: text quirks', () => {
  it('half-width parentheses and spaces in labels, stray <b> tags, markdown markers', async () => {
    const text = [
      '## 三、收到和处理政府信息公开申请情况',
      table3Tsv({ '（四）无法提供/1.本机关不掌握相关政府信息': [2, 0, 0, 0, 0, 0, 2], '（七）总计': [2, 0, 0, 0, 0, 0, 2], [KEYS_2021[0]!]: [2, 0, 0, 0, 0, 0, 2] },
        (k) => `<b>${k.replace('/', '\t').replace(/（/g, '(').replace(/）/g, ') ')}</b>`),
      '#### 四、政府信息公开行政复议、行政诉讼情况',
    ].join('\n');
    const { model, notes } = await importReport({ bytes: utf8(text), filename: 'r.txt' });
    expect(model.table3.rows['（四）无法提供/1.本机关不掌握相关政府信息']).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(model.table3.rows['（七）总计']).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(notes.filter((n) => n.level === 'error' && n.cell?.startsWith('table3'))).toEqual([]);
  });

  it('a label broken across lines and a table broken across pages (header printed again in between)', async () => {
    const rows = KEYS_2021.map((k) => {
      const v = k === '（二）部分公开' ? [1, 0, 0, 0, 0, 0, 1] : zeros();
      if (k === '（二）部分公开') return `（二）部分公开（区分处\t${v.join('\t')}\n\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n\t自然人\t法人或其他组织\t总计\n本年度办理结果\t理的，只计这一情形，不计其他情形）\t\t\t\t\t\t\t`;
      return `${k.replace('/', '\t')}\t${v.join('\t')}`;
    });
    const { model, notes } = await importReport({ bytes: utf8(rows.join('\n')), filename: 'r.txt' });
    expect(model.table3.rows['（二）部分公开']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(model.table3.rows['（三）不予公开/1.属于国家秘密']).toEqual(zeros());
    expect(notes.filter((n) => n.level !== 'info' && n.cell?.startsWith('table3'))).toEqual([]);
  });

  it('trailing and leading empty cells of a row are not read as blank cells', async () => {
    const text = [
      '二、主动公开政府信息情况',
      '第二十条第（八）项',
      '信息内容\t上一年项目数量\t本年增/减\t',
      '行政事业性收费\t4\t-1\t',
      '第二十条第（九）项',
      '信息内容\t采购项目数量\t采购总金额\t',
      '政府集中采购\t2\t12.5万元\t',
      '三、收到和处理政府信息公开申请情况',
      table3Tsv({}).replace('四、结转下年度继续办理\t', '四、结转下年度继续办理\t\t'),
    ].join('\n');
    const { model, notes } = await importReport({ bytes: utf8(text), filename: 'r.txt' });
    expect(model.table2['第二十条第（八）项']).toEqual({ 行政事业性收费: { 上一年项目数量: 4, '本年增/减': -1 } });
    expect(model.table2['第二十条第（九）项']).toEqual({ 政府集中采购: { 采购项目数量: 2, 采购总金额: 12.5 } });
    expect(notes.some((n) => n.cell === 'table2|第二十条第（九）项|政府集中采购' && n.message.includes('万元'))).toBe(true);
    expect(model.table3.rows['四、结转下年度继续办理']).toEqual(zeros());
  });

  it('blank cells (empty, U+3000) read as null, not 0', async () => {
    const html = `<p>三、收到和处理政府信息公开申请情况</p><table>${KEYS_2021.map((k) => `<tr><td>${k}</td>${k === '（一）予以公开' ? '<td>\u3000</td><td>1</td><td></td><td>\u3000\u3000</td><td>&nbsp;</td><td></td><td>1</td>' : zeros().map((v) => `<td>${v}</td>`).join('')}</tr>`).join('')}</table>`;
    const { model } = await importReport({ bytes: utf8(`<html><body>${html}</body></html>`), filename: 'r.html' });
    expect(model.table3.rows['（一）予以公开']).toEqual([null, 1, null, null, null, null, 1]);
  });

  it('HTML rowspan/colspan: a colspan=2 value cell is one cell, a rowspan group label is read once', async () => {
    const rows = KEYS_2021.map((k, i) => {
      const [group, sub] = k.split('/');
      const groupCell = sub && FORMATS['2021'].table3Rows.findIndex((x) => x.startsWith(group + '/')) === i
        ? `<td rowspan="${FORMATS['2021'].table3Rows.filter((x) => x.startsWith(group + '/')).length}">${group}</td>` : '';
      const v = k === '（三）不予公开/7.属于行政执法案卷' || k === '（七）总计' || k.startsWith('一') ? [6, 0, 0, 0, 0, 0, 6] : zeros();
      return `<tr>${groupCell}<td${sub ? '' : ' colspan="2"'}>${sub ?? k}</td><td>${v[0]}</td><td colspan="2">${v[1]}</td>${v.slice(2).map((x) => `<td>${x}</td>`).join('')}</tr>`;
    });
    const html = `<html><body><p>三、收到和处理政府信息公开申请情况</p><table><tbody>${rows.join('')}</tbody></table></body></html>`;
    const { model } = await importReport({ bytes: utf8(html), filename: 'r.html' });
    expect(model.table3.rows['（三）不予公开/7.属于行政执法案卷']).toEqual([6, 0, 0, 0, 0, 0, 6]);
    expect(model.table3.rows['（三）不予公开/8.属于行政查询事项']).toEqual(zeros());
  });
});

describe('importReport: run-together digits', () => {
  it('unique split under I1 + E1/I2: recovered, with an info note', async () => {
    // 一 "110000011" alone could be 11|0|0|0|0|0|11 or 1|10|0|0|0|0|11; （七）总计 printed with spaces fixes it.
    const text = '三、收到和处理政府信息公开申请情况' + table3Flat({
      [KEYS_2021[0]!]: '110000011',
      '（一）予以公开': '110000011',
      '（七）总计': '11 0 0 0 0 0 11',
    }) + '四、政府信息公开行政复议、行政诉讼情况';
    const { model, notes } = await importReport({ bytes: utf8(text), filename: 'r.txt' });
    expect(model.table3.rows[KEYS_2021[0]!]).toEqual([11, 0, 0, 0, 0, 0, 11]);
    expect(model.table3.rows['（一）予以公开']).toEqual([11, 0, 0, 0, 0, 0, 11]);
    expect(notes.find((n) => n.cell === `table3|${KEYS_2021[0]}`)).toMatchObject({ level: 'info' });
  });

  it('ambiguous split: the rows stay blank and an unsure note lists both candidates', async () => {
    const text = '三、收到和处理政府信息公开申请情况' + table3Flat({
      [KEYS_2021[0]!]: '110000011',
      '（一）予以公开': '110000011',
      '（七）总计': '110000011',
    }) + '四、政府信息公开行政复议、行政诉讼情况';
    const { model, notes } = await importReport({ bytes: utf8(text), filename: 'r.txt' });
    for (const k of [KEYS_2021[0]!, '（一）予以公开', '（七）总计']) {
      expect(model.table3.rows[k]).toEqual([null, null, null, null, null, null, null]);
      const note = notes.find((n) => n.cell === `table3|${k}`);
      expect(note?.level).toBe('unsure');
      expect(note?.message).toContain('［11 | 0 | 0 | 0 | 0 | 0 | 11］');
      expect(note?.message).toContain('［1 | 10 | 0 | 0 | 0 | 0 | 11］');
    }
    // the rows that had one reading are read
    expect(model.table3.rows['（二）部分公开']).toEqual(zeros());
  });

  it('table 四: unique under I5 → recovered', async () => {
    const text = '四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计10203120001200000五、存在的主要问题及改进情况';
    const { model } = await importReport({ bytes: utf8(text), filename: 'r.txt' });
    expect(model.table4).toEqual({
      行政复议: { 结果维持: 1, 结果纠正: 0, 其他结果: 2, 尚未审结: 0, 总计: 3 },
      未经复议直接起诉: { 结果维持: 12, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 12 },
      复议后起诉: { 结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 0 },
    });
  });

  it('table 四: ambiguous group (1|0|10|0|11 or 10|1|0|0|11) left blank, the determined groups read', async () => {
    const text = '四、政府信息公开行政复议、行政诉讼情况结果维持结果纠正其他结果尚未审结总计' + '1010011' + '0000000000' + '五、存在的主要问题及改进情况';
    const { model, notes } = await importReport({ bytes: utf8(text), filename: 'r.txt' });
    expect(model.table4['行政复议']).toEqual({ 结果维持: null, 结果纠正: null, 其他结果: null, 尚未审结: null, 总计: null });
    expect(model.table4['复议后起诉']).toEqual({ 结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 0 });
    const note = notes.find((n) => n.cell === 'table4')!;
    expect(note.level).toBe('unsure');
    expect(note.message).toContain('1 | 0 | 10 | 0 | 11');
    expect(note.message).toContain('10 | 1 | 0 | 0 | 11');
  });

  it('a sub-row number glued to the previous row\'s digits ("…00000002.其他法律…") is part of the label', async () => {
    const text = '三、收到和处理政府信息公开申请情况' + table3Flat({ '（三）不予公开/1.属于国家秘密': '2000002', [KEYS_2021[0]!]: '2000002', '（七）总计': '2000002' });
    expect(text).toContain('20000022.其他法律');
    const { model } = await importReport({ bytes: utf8(text), filename: 'r.txt' });
    expect(model.table3.rows['（三）不予公开/1.属于国家秘密']).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(model.table3.rows['（三）不予公开/2.其他法律行政法规禁止公开']).toEqual(zeros());
  });
});

describe('enumerateSplits', () => {
  const t = (text: string, multi = true): Tok => ({ text, multi });
  it.each([
    // tokens, kinds, expected solutions
    [[t('000')], ['int', 'int', 'int'], [[0, 0, 0]]],
    [[t('350')], ['int', 'int'], [[3, 50], [35, 0]]],
    [[t('105')], ['int', 'int'], [[10, 5]]], // "1|05" is not a printed number
    [[t('12.5')], ['int', 'money'], [[1, 2.5]]],
    [[t('-12')], ['signed', 'int'], [[-1, 2]]],
    [[t('7', false), t('', false)], ['int', 'int'], [[7, null]]],
    [[t('23'), t('0')], ['int', 'int', 'int'], [[2, 3, 0]]],
  ] as const)('%j as %j', (tokens, kinds, expected) => {
    expect(enumerateSplits([...tokens], [...kinds]).solutions).toEqual(expected);
  });
});

describe('importReport: agency and year from a heading that puts the year first', () => {
  it('an HTML fragment without a page title: "2019年上海市人民政府办公厅政府信息公开工作年度报告" names the agency', async () => {
    const html = '<div><h1>2019年上海市人民政府办公厅政府信息公开工作年度报告</h1><p>本报告由上海市人民政府办公厅编制。</p></div>';
    const { model } = await importReport({ bytes: utf8(html), filename: 'fragment.html' });
    expect(model.agency).toBe('上海市人民政府办公厅');
    expect(model.year).toBe(2019);
  });
  it('a title with the agency first keeps it; a title without an agency stays without one', async () => {
    const a = await importReport({ bytes: utf8('<h1>平潭综合实验区2020年政府信息公开工作年度报告</h1><p>正文。</p>'), filename: 'a.html' });
    expect(a.model.agency).toBe('平潭综合实验区');
    const b = await importReport({ bytes: utf8('<h1>2020年政府信息公开工作年度报告</h1><p>正文。</p>'), filename: 'b.html' });
    expect(b.model.agency ?? '').toBe('');
  });
});

describe('importReport: the publication date', () => {
  it('a site header with today\'s date and weekday is not the publication date; the page\'s 公开日期 field is', async () => {
    const html = '<div class="top">沭阳县人民政府 2025年12月30日 星期二 时间：2025-12-30</div><h1>沭阳县人民政府2024年政府信息公开工作年度报告</h1><p>公开日期：2025年1月20日</p><p>正文。</p>';
    const { model } = await importReport({ bytes: utf8(html), filename: 'shuyang.html' });
    expect(model.published).toBe('2025-01-20');
    expect(model.agency).toBe('沭阳县人民政府');
  });
});
