import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { formatDateProse, formatDateTable, formatDateZh, formatInstant } from './dates.ts';
import { buildHref, safeLocalPath } from './url.ts';
import { DataTable, formatNumber } from './components/DataTable.tsx';
import { Pagination, pageWindow } from './components/navigation.tsx';
import { DeadlineCard, Notice, StatusTag, SummaryList, Timeline } from './components/status.tsx';
import { renderPage } from './render.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { UsersPage } from './pages/UsersPages.tsx';
import { sampleShell } from './test-support.ts';

const html = (el: React.ReactElement) => renderToStaticMarkup(el);

describe('dates', () => {
  it.each([
    ['2026-11-27', '2026年11月27日', '27 November 2026'],
    ['2026-01-05', '2026年1月5日', '5 January 2026'],
    ['2024-02-29', '2024年2月29日', '29 February 2024'],
  ])('%s → %s / %s', (d, zh, en) => {
    expect(formatDateZh(d)).toBe(zh);
    expect(formatDateProse(d, 'zh-CN')).toBe(zh);
    expect(formatDateProse(d, 'en')).toBe(en);
    expect(formatDateTable(d)).toBe(d);
  });

  it.each(['2026/11/27', '20261127', '', '2026-11-27T00:00:00Z'])('rejects %j', (d) => {
    expect(() => formatDateZh(d)).toThrow(/YYYY-MM-DD/);
    expect(() => formatDateTable(d)).toThrow();
  });

  it.each([
    ['2026-11-27T06:03:00Z', '2026-11-27 14:03'],
    ['2026-12-31T16:30:00.000Z', '2027-01-01 00:30'],
    ['2026-06-30T23:59:59Z', '2026-07-01 07:59'],
  ])('formatInstant(%s) shows Beijing time %s', (iso, expected) => {
    expect(formatInstant(iso)).toBe(expected);
    expect(formatInstant(new Date(iso))).toBe(expected);
  });
});

describe('url helpers', () => {
  it('buildHref drops empty values and encodes the rest', () => {
    expect(buildHref('/admin/audit', { action: 'user.create', actor: '', page: 2, x: undefined })).toBe('/admin/audit?action=user.create&page=2');
    expect(buildHref('/search', { q: '年报 2025' })).toBe('/search?q=%E5%B9%B4%E6%8A%A5+2025');
    expect(buildHref('/a', {})).toBe('/a');
  });

  it.each([
    ['/admin/audit?x=1', '/admin/audit?x=1'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/a\r\nSet-Cookie: x', '/'],
    [undefined, '/'],
    [`/admin/${'a'.repeat(600)}`, '/'],
    [`/admin/${'a'.repeat(500)}`, `/admin/${'a'.repeat(500)}`],
    ['/admin/a b', '/'],
    ['/admin/\u202egnp.exe', '/'],
    ['/admin/%E5%B9%B4', '/admin/%E5%B9%B4'],
  ])('safeLocalPath(%j) → %s', (input, expected) => {
    expect(safeLocalPath(input)).toBe(expected);
  });
});

interface Row {
  id: number;
  name: string;
  count: number;
}

describe('DataTable', () => {
  const rows: Row[] = [
    { id: 1, name: '芝罘区人民政府', count: 0 },
    { id: 2, name: '行政审批服务局', count: 12 },
  ];
  const table = (sort?: { key: string; dir: 'asc' | 'desc' }) =>
    html(
      <DataTable<Row>
        caption="申请数量"
        rows={rows}
        rowKey={(r) => String(r.id)}
        baseHref="/admin/applications"
        query={{ status: 'open', page: 3 }}
        sort={sort}
        columns={[
          { key: 'name', header: '机构', rowHeader: true, sortable: true, render: (r) => r.name },
          { key: 'count', header: '件数', numeric: true, sortable: true, render: (r) => formatNumber(r.count) },
        ]}
      />,
    );

  it('has a caption, column and row header cells with scope, numbers right-aligned, zero printed as 0', () => {
    const out = table();
    expect(out).toContain('<caption class="gk-table__caption">申请数量</caption>');
    expect(out.match(/<th[^>]*scope="col"/g)?.length).toBe(2);
    expect(out).toContain('<th scope="row" class="gk-table__cell">芝罘区人民政府</th>');
    expect(out).toContain('<td class="gk-table__cell gk-num">0</td>');
    expect(out).toContain('<td class="gk-table__cell gk-num">12</td>');
  });

  it('sort links keep the filters, reset the page and flip the direction', () => {
    const out = table({ key: 'count', dir: 'asc' });
    expect(out).toContain('href="/admin/applications?status=open&amp;sort=name&amp;dir=asc"');
    expect(out).toContain('href="/admin/applications?status=open&amp;sort=count&amp;dir=desc"');
    expect(out).toMatch(/aria-sort="ascending"[^>]*>[\s\S]*件数/);
    expect(out).toContain('aria-sort="none"');
  });

  it('says so when there are no rows', () => {
    const out = html(<DataTable<Row> caption="空" rows={[]} rowKey={(r) => String(r.id)} columns={[{ key: 'n', header: 'n', render: (r) => r.name }]} />);
    expect(out).toMatch(/<td class="gk-table__empty" colSpan="1">暂无记录<\/td>/i);
  });

  it('formatNumber prints 0, never a blank', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(1234)).toBe('1234');
    expect(formatNumber(null)).toBe('');
  });
});

describe('Pagination', () => {
  it.each([
    [1, 1, [1]],
    [1, 5, [1, 2, 3, null, 5]],
    [5, 10, [1, null, 3, 4, 5, 6, 7, null, 10]],
    [10, 10, [1, null, 8, 9, 10]],
  ] as const)('page %d of %d → %j', (page, pages, expected) => {
    expect(pageWindow(page, pages)).toEqual(expected);
  });

  it('keeps filters in the links and marks the current page', () => {
    const out = html(<Pagination page={2} pageSize={50} total={123} baseHref="/admin/audit" query={{ action: 'user.create' }} />);
    expect(out).toContain('第 51–100 条，共 123 条');
    expect(out).toContain('href="/admin/audit?action=user.create" rel="prev">上一页');
    expect(out).toContain('href="/admin/audit?action=user.create&amp;page=3" rel="next">下一页');
    expect(out).toMatch(/href="\/admin\/audit\?action=user.create&amp;page=2" aria-current="page"/);
  });

  it('shows only the summary for one page, and 0 of 0 for none', () => {
    const out = html(<Pagination page={1} pageSize={50} total={0} baseHref="/x" />);
    expect(out).toContain('第 0–0 条，共 0 条');
    expect(out).not.toContain('<ul');
  });
});

describe('status components', () => {
  it.each([
    ['overdue', 'red', '已逾期'],
    ['dueSoon', 'amber', '即将到期'],
    ['onTime', 'green', '按期'],
    ['done', 'green', '已办结'],
  ] as const)('StatusTag %s is %s with the word %s', (status, tone, word) => {
    expect(html(<StatusTag status={status} />)).toBe(`<strong class="gk-tag gk-tag--${tone}">${word}</strong>`);
  });

  it('DeadlineCard: prose due date, working days left, status word, why-details with the steps', () => {
    const out = html(
      <DeadlineCard
        due="2026-11-27"
        workdaysLeft={3}
        status="dueSoon"
        provisional={false}
        explanation={['2026-10-30 收到申请（条例 第三十一条）', '第 20 个工作日为 2026-11-27（条例 第三十三条）']}
      />,
    );
    expect(out).toContain('2026年11月27日');
    expect(out).toContain('剩余 3 个工作日');
    expect(out).toContain('gk-tag--amber">即将到期');
    expect(out).toContain('<summary class="gk-details__summary">为什么是这一天</summary>');
    expect(out).toContain('<li>2026-10-30 收到申请（条例 第三十一条）</li>');
    expect(out).not.toContain('暂定');
  });

  it('DeadlineCard: overdue days and the provisional notice', () => {
    const out = html(<DeadlineCard due="2027-01-20" workdaysLeft={-2} status="overdue" provisional explanation={[]} />);
    expect(out).toContain('已超过期限 2 个工作日');
    expect(out).toContain('暂定：');
    expect(out).toContain('gk-deadline--red');
  });

  it('SummaryList is a table with row headers (索引号 …)', () => {
    const out = html(<SummaryList items={[{ key: '索引号', value: '12370602780795309E/2026-00001' }, { key: '发布机构', value: '芝罘区行政审批服务局' }]} />);
    expect(out).toContain('<th scope="row" class="gk-summary__key">索引号</th><td class="gk-summary__value">12370602780795309E/2026-00001</td>');
  });

  it('Timeline lists events in order with time and actor', () => {
    const out = html(<Timeline events={[{ when: '2026-10-30', title: '收到申请', actor: '王经办' }, { when: '2026-11-02', title: '补正' }]} />);
    expect(out.indexOf('收到申请')).toBeLessThan(out.indexOf('补正'));
    expect(out).toContain('<time>2026-10-30</time><span class="gk-timeline__actor">王经办</span>');
  });

  it('Notice states its kind in words; errors are alerts', () => {
    expect(html(<Notice kind="error" title="保存失败" />)).toContain('role="alert"><span class="gk-visually-hidden">错误：</span>');
    expect(html(<Notice kind="warning">x</Notice>)).toContain('注意：');
  });
});

describe('admin list pages', () => {
  it('AuditPage: GET filter form echoing the filters, Beijing times, sort links and pagination keeping filters', () => {
    const out = renderPage(
      <AuditPage
        shell={sampleShell()}
        filters={{ actor: 'officer', action: 'user.create', from: '2026-11-01', to: '<b>' }}
        events={[{ id: 9, at: '2026-11-27T06:03:00Z', actorName: '王经办', agencyName: '行政审批服务局', action: 'user.create', entity: 'user', entityId: '12', requestId: 'req-1', after: { username: 'li' } }]}
        page={1}
        pageSize={50}
        total={120}
        sort={{ key: 'at', dir: 'desc' }}
      />,
    );
    expect(out).toMatch(/<form [^>]*action="\/admin\/audit" method="get"/);
    expect(out).toMatch(/id="field-actor"[^>]*value="officer"/);
    expect(out).toMatch(/type="date"[^>]*value="2026-11-01"/);
    expect(out).not.toContain('<b>');
    expect(out).toContain('2026-11-27 14:03');
    expect(out).toContain('href="/admin/audit?actor=officer&amp;action=user.create&amp;from=2026-11-01&amp;to=%3Cb%3E&amp;sort=at&amp;dir=asc"');
    expect(out).toContain('href="/admin/audit?actor=officer&amp;action=user.create&amp;from=2026-11-01&amp;to=%3Cb%3E&amp;sort=at&amp;dir=desc&amp;page=2" rel="next"');
    expect(out).toContain('&quot;username&quot;: &quot;li&quot;');
    expect(out).toContain('审计事件（共 120 条）');
  });

  it('AuditPage offers a select of actions when given', () => {
    const out = renderPage(<AuditPage shell={sampleShell()} filters={{ action: 'user.update' }} actions={[{ value: 'user.create', label: '新建用户' }, { value: 'user.update', label: '修改用户' }]} events={[]} page={1} total={0} />);
    expect(out).toContain('<option value="user.update" selected="">修改用户</option>');
    expect(out).toContain('没有符合条件的记录');
  });

  it('UsersPage lists users with role words and status words, linking to edit', () => {
    const out = renderPage(
      <UsersPage
        shell={sampleShell({ user: { displayName: '管理员', role: 'admin', agencyName: '芝罘区人民政府' } })}
        users={[{ id: 3, username: 'officer', displayName: '王经办', role: 'officer', agencyName: '行政审批服务局', active: false }]}
      />,
    );
    expect(out).toContain('<a href="/admin/users/3">王经办</a>');
    expect(out).toContain('经办人');
    expect(out).toContain('gk-tag--grey">已停用');
    expect(out).toContain('href="/admin/users/new"');
  });
});
