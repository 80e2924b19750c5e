import { describe, expect, it } from 'vitest';
import { decideSplitByNarrative, table2Statements, type SplitValue } from './narrative-split.ts';

const COLS_2021 = ['本年制发件数', '本年废止件数', '现行有效件数'];

/** Every split of a digit run into n numbers without leading zeros (what the importer enumerates for int columns). */
function splits(digits: string, n: number): SplitValue[][] {
  if (n === 1) return /^(0|[1-9]\d*)$/.test(digits) ? [[Number(digits)]] : [];
  const out: SplitValue[][] = [];
  for (let i = 1; i < digits.length; i++) {
    const head = digits.slice(0, i);
    if (!/^(0|[1-9]\d*)$/.test(head)) continue;
    for (const rest of splits(digits.slice(i), n - 1)) out.push([Number(head), ...rest]);
  }
  return out;
}

describe('table2Statements', () => {
  it.each([
    ['现行有效行政规范性文件698件，本年度制发的规范性文件88件。', [['行政规范性文件', '现行有效件数', 698], ['行政规范性文件', '本年制发件数', 88]]],
    ['全年制发行政规范性文件69件，废止3件，现行有效665件。', [['行政规范性文件', '本年制发件数', 69], ['行政规范性文件', '本年废止件数', 3], ['行政规范性文件', '现行有效件数', 665]]],
    ['本年度共受理政府信息公开申请70件，废止3件。', []],
    ['制定规章和规范性文件12件。', []],
    ['全年作出行政许可决定2293件。', [['行政许可', '本年处理决定数量', 2293]]],
  ] as const)('%s', (text, want) => {
    // the 2021 rows and columns (each statement is also given for the 2019 names of the same row and column)
    const got = table2Statements(text).filter((s) => s.row !== '规范性文件' && !['处理决定数量', '本年新制作数量', '对外公开总数量'].includes(s.column));
    expect(got.map((s) => [s.row, s.column, s.value])).toEqual(want);
  });
});

describe('decideSplitByNarrative', () => {
  it.each([
    // the narrative states two of the three cells: one split left
    ['8855698', '现行有效行政规范性文件698件，本年度制发的规范性文件88件。', [88, 55, 698]],
    ['693665', '全年制发行政规范性文件69件，废止3件，现行有效665件。', [69, 3, 665]],
    // the first cell stated: 69 | 3 | 665, 69 | 36 | 65 and 69 | 366 | 5 still possible
    ['693665', '本年度制发行政规范性文件69件。', null],
    ['1203400', '本年废止规范性文件3件，现行有效行政规范性文件400件。', [120, 3, 400]],
    // one stated figure leaves two splits: blank
    ['693665', '现行有效行政规范性文件665件。', null],
    // a figure that no split has: blank
    ['77132470', '清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。', null],
    // nothing stated for the row: blank
    ['8855698', '全年作出行政许可决定2293件。', null],
    // figures about another row do not decide this one
    ['8855698', '本年制发规章88件，现行有效规章698件。', null],
  ] as const)('%s with “%s” → %j', (digits, text, want) => {
    const d = decideSplitByNarrative(splits(digits, 3), '行政规范性文件', COLS_2021, table2Statements(text));
    expect(d.split).toEqual(want);
    if (want) expect(d.sentences).toEqual([text.replace(/。$/, '')]);
  });

  it('the 2019 row 规范性文件 and its columns: 新制作 | 新公开 | 对外公开总数量', () => {
    const text = '本年新制作规范性文件12件，新公开12件，对外公开总数量达到300件。';
    const d = decideSplitByNarrative(splits('1212300', 3), '规范性文件', ['本年新制作数量', '本年新公开数量', '对外公开总数量'], table2Statements(text));
    expect(d.split).toEqual([12, 12, 300]);
  });
});
