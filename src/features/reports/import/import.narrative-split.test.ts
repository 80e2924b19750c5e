// Table 二 digits run together in a text copy of a page (pingtan-2021/source.txt prints "行政规范性文件693665" for
// 69 | 3 | 665): the split is decided by the figures the report's own narrative states for the row, when exactly one
// split agrees with them; otherwise the cells stay blank and the note says what the narrative did and did not decide.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importReport } from './index.ts';

const source = readFileSync(new URL('../../../../tests/fixtures/reports/pingtan-2021/source.txt', import.meta.url), 'utf8');
const ROW = 'table2|第二十条第（一）项|行政规范性文件';
/** The archived text with one sentence added to 总体情况 before "（二）依申请公开方面。". */
const withSentence = (sentence: string): Uint8Array => {
  expect(source).toContain('（二）依申请公开方面。');
  return new Uint8Array(Buffer.from(source.replace('（二）依申请公开方面。', `${sentence}（二）依申请公开方面。`), 'utf8'));
};

describe('run-together table 二 digits decided by the narrative (pingtan-2021 text copy)', { timeout: 60_000 }, () => {
  it.each([
    ['全年制发行政规范性文件69件，废止3件，现行有效665件。', { 本年制发件数: 69, 本年废止件数: 3, 现行有效件数: 665 }, 'info', '全年制发行政规范性文件69件，废止3件，现行有效665件'],
    ['现行有效行政规范性文件665件，本年度废止的规范性文件3件。', { 本年制发件数: 69, 本年废止件数: 3, 现行有效件数: 665 }, 'info', '现行有效行政规范性文件665件，本年度废止的规范性文件3件'],
    ['现行有效行政规范性文件665件。', { 本年制发件数: null, 本年废止件数: null, 现行有效件数: null }, 'unsure', '仍符合 2 种拆分'],
    ['现行有效行政规范性文件393件，本年度制发的规范性文件69件。', { 本年制发件数: null, 本年废止件数: null, 现行有效件数: null }, 'unsure', '与每一种拆分都不符'],
  ] as const)('%s', async (sentence, cells, level, said) => {
    const { model, notes } = await importReport({ bytes: withSentence(sentence), filename: 'source.txt' });
    expect(model.table2['第二十条第（一）项']!['行政规范性文件']).toEqual(cells);
    const note = notes.find((n) => n.cell === ROW)!;
    expect(note.level).toBe(level);
    expect(note.message).toContain(said);
    expect(note.message).toContain('693665');
    if (level === 'info') {
      expect(note.message).toContain('69 | 3 | 665');
      expect(model.unreadCells ?? []).not.toContain(`${ROW}|现行有效件数`);
    } else {
      expect(model.unreadCells).toContain(`${ROW}|现行有效件数`);
    }
  });

  it('the archived text as it is: nothing stated for the row, cells blank with the candidates listed', async () => {
    const { model, notes } = await importReport({ bytes: new Uint8Array(Buffer.from(source, 'utf8')), filename: 'source.txt' });
    expect(model.table2['第二十条第（一）项']!['行政规范性文件']).toEqual({ 本年制发件数: null, 本年废止件数: null, 现行有效件数: null });
    const note = notes.find((n) => n.cell === ROW)!;
    expect(note.level).toBe('unsure');
    expect(note.message).not.toContain('正文');
  });
});
