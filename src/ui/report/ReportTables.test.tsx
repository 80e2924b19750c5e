import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { emptyReport } from '../../core/report/fixture.ts';
import { ReportTables } from './ReportTables.tsx';
import { ReportDocument, highlightFromFindings } from './ReportDocument.tsx';

function model() {
  const m = emptyReport('2021', { agency: '测试局', year: 2023 });
  m.table3.rows['一、本年新收政府信息公开申请数量'] = [80, 1, 0, 0, 0, null, 81];
  return m;
}

describe('ReportTables', () => {
  it('prints zero as 0 and a blank as an empty cell with a visually-hidden 空', () => {
    const html = renderToStaticMarkup(<ReportTables model={model()} only={['table3']} />);
    expect(html).toContain('data-cell="table3|一、本年新收政府信息公开申请数量|自然人">80</td>');
    expect(html).toContain('data-cell="table3|一、本年新收政府信息公开申请数量|科研机构">0</td>');
    expect(html).toMatch(/class="gk-num gk-blank" data-cell="table3\|一、本年新收政府信息公开申请数量\|其他" data-blank=""><span class="gk-vh">空<\/span><\/td>/);
  });

  it('in English the hidden word for a blank is "blank" and the scroll hint is English', () => {
    const html = renderToStaticMarkup(<ReportTables model={model()} only={['table3']} locale="en" />);
    expect(html).toContain('<span class="gk-vh">blank</span>');
    expect(html).toContain('scroll sideways');
  });

  it('wraps every table in a focusable scroll region with a visible hint it is described by', () => {
    const html = renderToStaticMarkup(<ReportTables model={model()} />);
    const regions = html.match(/<div class="gk-table-scroll" role="region" tabindex="0" aria-label="[^"]+（可左右滑动）" aria-describedby="([^"]+)">/g) ?? [];
    expect(regions).toHaveLength(3);
    for (const r of regions) {
      const id = /aria-describedby="([^"]+)"/.exec(r)![1]!;
      expect(html).toContain(`<p class="gk-scroll-hint" id="${id}">表格较宽，请左右滑动查看全部列。</p>`);
    }
  });

  it('marks highlighted cells with a text marker, not only a colour', () => {
    const cell = 'table3|一、本年新收政府信息公开申请数量|总计';
    const html = renderToStaticMarkup(<ReportTables model={model()} only={['table3']} highlight={new Map([[cell, '1']])} />);
    expect(html).toContain(`class="gk-num gk-flag" data-cell="${cell}"><mark>81</mark><span class="gk-flag-marker" aria-hidden="true">⚠1</span><span class="gk-vh">（有问题的单元格 1）</span></td>`);
    const plain = renderToStaticMarkup(<ReportTables model={model()} only={['table3']} highlight={[cell]} />);
    expect(plain).toContain('<span class="gk-flag-marker" aria-hidden="true">⚠</span>');
  });

  it('numbers findings and marks every cell of each finding', () => {
    const m = highlightFromFindings([
      { rule: 'E1', severity: 'error', message: 'x', cells: ['a', 'b'] },
      { rule: 'I1', severity: 'error', message: 'y', cells: ['b'] },
    ]);
    expect([...m]).toEqual([['a', '1'], ['b', '1,2']]);
  });
});

describe('ReportDocument', () => {
  it('prints title, sections in order, and each table right after its section heading', () => {
    const m = model();
    m.sections = [
      { key: 'overview', heading: '一、总体情况', text: '第一段。\n第二段。' },
      { key: 'proactive', heading: '二、主动公开政府信息情况', text: '' },
      { key: 'requests', heading: '三、收到和处理政府信息公开申请情况', text: '' },
      { key: 'appeals', heading: '四、政府信息公开行政复议、行政诉讼情况', text: '' },
      { key: 'problems', heading: '五、存在的主要问题及改进情况', text: '' },
      { key: 'other', heading: '六、其他需要报告的事项', text: '无。' },
    ];
    const html = renderToStaticMarkup(<ReportDocument model={m} />);
    expect(html).toContain('<h1>测试局2023年政府信息公开工作年度报告</h1>');
    const order = ['一、总体情况', '第一段。', '第二段。', '二、主动公开政府信息情况', 'gk-official--table2', '三、收到和处理政府信息公开申请情况</h2>', 'gk-official--table3', '四、政府信息公开行政复议、行政诉讼情况</h2>', 'gk-official--table4', '五、存在的主要问题及改进情况', '六、其他需要报告的事项', '无。'];
    const at = order.map((s) => html.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('a report without sections gets the standard headings and all three tables', () => {
    const html = renderToStaticMarkup(<ReportDocument model={model()} />);
    expect(html.match(/<h2 /g)).toHaveLength(6);
    expect(html.match(/<table /g)).toHaveLength(3);
  });

  it('lists findings with severity in words', () => {
    const m = model();
    m.table3.rows['（七）总计'] = [80, 1, 0, 0, 0, 0, 82];
    const html = renderToStaticMarkup(<ReportDocument model={m} findings={[{ rule: 'E1', severity: 'error', message: '表三总计列不平', cells: ['table3|（七）总计|总计'] }]} />);
    expect(html).toContain('<strong>错误</strong> <span class="gk-finding-rule">[E1]</span> 表三总计列不平');
    expect(html).toContain('data-cell="table3|（七）总计|总计"><mark>82</mark><span class="gk-flag-marker" aria-hidden="true">⚠1</span>');
  });
});
