import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromFixture } from '../../core/report/fixture.ts';
import type { ReportModel } from '../../core/report/model.ts';
import { compareReportModels, compareText } from './narrative-diff.ts';

const fixture = (slug: string): ReportModel => fromFixture(JSON.parse(readFileSync(new URL(`../../../tests/fixtures/reports/${slug}/expected.json`, import.meta.url), 'utf8')));
const PT21 = fixture('pingtan-2021'), PT23 = fixture('pingtan-2023');

describe('narrative compared by sentence', () => {
  it('equal sentences stay equal (spaces and full-width forms ignored), changed ones are paired with their characters marked', () => {
    const rows = compareText('本年度共收到申请70件。办结69件。全年未收取信息处理费。', '本年度共收到申请 81 件。办结81件。新增政务公开专区。全年未收取信息处理费。');
    expect(rows.map((r) => r.op)).toEqual(['change', 'change', 'insert', 'equal']);
    const first = rows[0]!;
    if (first.op !== 'change') throw new Error('paired');
    expect(first.leftParts.filter((p) => p.op === 'delete').map((p) => p.text).join('')).toBe('70');
    expect(first.rightParts.filter((p) => p.op === 'insert').map((p) => p.text).join('')).toBe(' 81 ');
    expect(rows[2]).toEqual({ op: 'insert', right: '新增政务公开专区。' });
  });

  it('a sentence with little in common is shown as removed and added, not paired', () => {
    expect(compareText('我区高度重视政务公开工作。', '平台访问量大幅增加了。').map((r) => r.op)).toEqual(['delete', 'insert']);
  });

  it('sections are matched by key; a section only on one side is marked', () => {
    const l: ReportModel = { ...PT21, sections: [{ key: 'overview', heading: '一、总体情况', text: '甲。乙。' }] };
    const r: ReportModel = { ...PT23, sections: [{ key: 'overview', heading: '一、总体情况', text: '甲。乙。' }, { key: 'other', heading: '六、其他需要报告的事项', text: '丙。' }] };
    const c = compareReportModels(l, r);
    expect(c.sections.map((s) => [s.key, s.inLeft, s.inRight, s.changed])).toEqual([['overview', true, true, false], ['other', false, true, true]]);
  });
});
