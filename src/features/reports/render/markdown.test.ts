import { describe, expect, it } from 'vitest';
import { renderMarkdown, mdCell } from './markdown.ts';
import { modelFromExpected, seedModel } from './test-helpers.ts';

/** The GFM tables of a Markdown text: runs of lines starting with "|". */
function tables(md: string): string[][] {
  const out: string[][] = [];
  let cur: string[] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) (cur ??= (out.push([]), out[out.length - 1]!)).push(line);
    else cur = null;
  }
  return out;
}
/** Cells of a GFM row (escaped pipes stay inside their cell). */
const cells = (line: string) => line.slice(2, -2).split(/ (?<!\\)\| /);

describe('renderMarkdown', () => {
  it.each([
    // slug, number of tables (表二 blocks + 表三 + 表四), columns per table
    ['pingtan-2023', [4, 2, 2, 2, 8, 15]],
    ['zhifu-approval-2019', [4, 4, 4, 3, 3, 8, 15]],
  ] as const)('%s: every table row has the header\'s number of columns', (slug, widths) => {
    const md = renderMarkdown(slug === 'zhifu-approval-2019' ? seedModel() : modelFromExpected(slug));
    const ts = tables(md);
    expect(ts.map((t) => cells(t[0]!).length)).toEqual(widths);
    for (const t of ts) {
      const n = cells(t[0]!).length;
      for (const line of t) expect(cells(line)).toHaveLength(n);
      expect(cells(t[1]!).every((c) => /^-{3}:?$/.test(c))).toBe(true);
    }
  });

  it('flattens merged labels into "group/sub-row" and keeps the numbers', () => {
    const md = renderMarkdown(modelFromExpected('pingtan-2023'));
    expect(md).toContain('| 项目 | 自然人 | 法人或其他组织/商业企业 | 法人或其他组织/科研机构 | 法人或其他组织/社会公益组织 | 法人或其他组织/法律服务机构 | 法人或其他组织/其他 | 总计 |');
    expect(md).toContain('| （三）不予公开/4.保护第三方合法权益 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
    expect(md).toContain('| 一、本年新收政府信息公开申请数量 | 80 | 1 | 0 | 0 | 0 | 0 | 81 |');
    expect(md).toContain('| 行政复议/结果维持 | 行政复议/结果纠正 |');
    expect(md).toContain('| 行政诉讼/复议后起诉/总计 |');
    expect(md).toContain('| 1 | 1 | 0 | 0 | 2 | 4 | 0 | 0 | 1 | 5 | 1 | 0 | 1 | 0 | 2 |');
    expect(md).toContain('### 第二十条第（八）项\n\n| 信息内容 | 本年收费金额（单位：万元） |\n| --- | ---: |\n| 行政事业性收费 | 5949.088667 |');
    expect(md.startsWith('# 平潭综合实验区2023年度政府信息公开工作年度报告\n')).toBe(true);
  });

  it('a blank cell is an empty table cell; HTML and pipes in text are escaped', () => {
    const m = seedModel();
    m.table3.rows['（一）予以公开'] = [0, 1, null, 0, 0, 0, 1];
    m.agency = 'A|B<script>';
    m.title = null;
    m.sections[0]!.text = '# 不是标题 <b>x</b>';
    const md = renderMarkdown(m);
    expect(md).toContain('| （一）予以公开 | 0 | 1 |  | 0 | 0 | 0 | 1 |');
    expect(md).toContain('- 发布机构：A\\|B&lt;script&gt;');
    expect(md).toContain('\n\\# 不是标题 &lt;b&gt;x&lt;/b&gt;\n');
    expect(md).not.toContain('<script>');
    expect(mdCell('a\nb|c')).toBe('a b\\|c');
  });
});
