import { describe, expect, it } from 'vitest';
import { renderPage } from './render.tsx';
import { PortalLayout, langHref, prefsHref } from './layouts/PortalLayout.tsx';
import { AdminLayout, visibleNav } from './layouts/AdminLayout.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { ErrorPage, NotFoundPage } from './pages/ErrorPages.tsx';
import { sampleAgency, sampleShell } from './test-support.ts';

function inOrder(text: string, parts: string[]): boolean {
  let at = -1;
  for (const p of parts) {
    const i = text.indexOf(p, at + 1);
    if (i < 0) return false;
    at = i;
  }
  return true;
}

describe('PortalLayout', () => {
  const page = (props: Partial<Parameters<typeof PortalLayout>[0]> = {}) =>
    renderPage(
      <PortalLayout locale="zh-CN" agency={sampleAgency} title="政府信息公开指南" {...props}>
        <h1>正文</h1>
      </PortalLayout>,
    );

  it('is a zh-CN document with a title, the stylesheet, and a skip link to #main as the first focusable element', () => {
    const out = page();
    expect(out.startsWith('<!doctype html><html lang="zh-CN">')).toBe(true);
    expect(out).toContain('<title>政府信息公开指南 - 烟台市芝罘区人民政府政府信息公开</title>');
    expect(out).toContain('<link rel="stylesheet" href="/static/site.css"/>');
    const body = out.slice(out.indexOf('<body'));
    expect(body.indexOf('<a class="gk-skip-link" href="#main">跳到主要内容</a>')).toBeLessThan(body.indexOf('<a ', body.indexOf('gk-skip-link') + 5));
    expect(out).toContain('<main class="gk-main" id="main" tabindex="-1">');
    expect(out.match(/<main/g)?.length).toBe(1);
  });

  it('uses lang="en" for English', () => {
    expect(page({ locale: 'en' })).toMatch(/^<!doctype html><html lang="en">/);
  });

  it('has the 专栏 navigation with the official names in the official order (国办公开办函〔2019〕61号)', () => {
    const out = page({ active: 'guide' });
    const nav = out.slice(out.indexOf('<nav class="gk-nav"'), out.indexOf('</nav>', out.indexOf('<nav class="gk-nav"')));
    const labels = [...nav.matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(labels).toEqual(['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报', '依申请公开']);
    const hrefs = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['/guide', '/rules', '/proactive', '/reports', '/apply']);
    expect(nav).toContain('href="/guide" aria-current="page"');
  });

  it('has the agency name, 政府信息公开, a GET search form to /search?q=', () => {
    const out = page();
    expect(inOrder(out, ['gk-header__agency">烟台市芝罘区人民政府', 'gk-header__title">政府信息公开', 'role="search" action="/search" method="get"', 'name="q"'])).toBe(true);
  });

  it('has the footer with the work body contact data in 公开指南 terms (条例 第十二条)', () => {
    const out = page();
    const footer = out.slice(out.indexOf('<footer')).replace(/<\/?(span|wbr)[^>]*>/g, '');
    expect(inOrder(footer, ['政府信息公开工作机构', '机构名称', '烟台市芝罘区人民政府办公室', '办公地址', '南大街150号', '264000', '办公时间', '联系电话', '0535-6222222', '传真号码', '0535-6222223', '电子邮箱', 'zfqzwgk@example.gov.cn', '网站'])).toBe(true);
  });

  it('the website and e-mail in the footer may wrap only after "/", "." or "@" (never inside a word on a phone)', () => {
    const footer = page().slice(page().indexOf('<footer'));
    expect(footer).toContain('<dd class="gk-footer__address"><span>http:/<wbr/></span><span>/<wbr/></span><span>www.<wbr/></span><span>zhifu.<wbr/></span><span>gov.<wbr/></span><span>cn</span></dd>');
    expect(footer).toContain('href="mailto:zfqzwgk@example.gov.cn"><span>zfqzwgk@<wbr/></span><span>example.<wbr/></span><span>gov.<wbr/></span><span>cn</span></a>');
  });

  it('renders breadcrumbs with the current page marked', () => {
    const out = page({ breadcrumbs: [{ href: '/', label: '首页' }, { href: '/guide', label: '政府信息公开指南' }] });
    expect(out).toContain('<a href="/">首页</a>');
    expect(out).toContain('aria-current="page">政府信息公开指南</li>');
  });

  it.each([
    [{ largeText: false, highContrast: false }, '<html lang="zh-CN">', '/prefs?large=1&amp;back=%2Fguide%3Fa%3D1', '/prefs?contrast=1&amp;back=%2Fguide%3Fa%3D1', '长辈模式', '高对比度'],
    [{ largeText: true, highContrast: false }, '<html lang="zh-CN" class="gk-large">', '/prefs?large=0&amp;back=', '/prefs?contrast=1&amp;back=', '退出长辈模式', '高对比度'],
    [{ largeText: true, highContrast: true }, '<html lang="zh-CN" class="gk-large gk-contrast">', '/prefs?large=0&amp;back=', '/prefs?contrast=0&amp;back=', '退出长辈模式', '退出高对比度'],
  ])('prefs %o: html class and switch links to /prefs', (prefs, htmlTag, largeLink, contrastLink, largeText, contrastText) => {
    const out = page({ prefs, currentPath: '/guide?a=1' });
    expect(out).toContain(htmlTag);
    expect(out).toContain(`href="${largeLink}`);
    expect(out).toContain(`href="${contrastLink}`);
    expect(out).toContain(`>${largeText}</a>`);
    expect(out).toContain(`>${contrastText}</a>`);
  });

  it('offers the other language on the same page', () => {
    expect(page({ currentPath: '/guide?a=1' })).toContain('<a class="gk-switch" href="/guide?a=1&amp;lang=en" lang="en" hrefLang="en">English</a>');
    expect(page({ locale: 'en', currentPath: '/?lang=en' })).toContain('href="/?lang=zh-CN" lang="zh-CN" hrefLang="zh-CN">中文</a>');
    expect(langHref('//evil.example/x', 'en')).toBe('/?lang=en');
  });

  it('prefsHref never carries an off-site back path', () => {
    expect(prefsHref({ large: true }, 'https://evil.example/')).toBe('/prefs?large=1&back=%2F');
    expect(prefsHref({ contrast: false }, '//evil.example')).toBe('/prefs?contrast=0&back=%2F');
  });
});

describe('AdminLayout', () => {
  const admin = (role: 'admin' | 'officer', enabled?: string[]) =>
    renderPage(
      <AdminLayout {...sampleShell({ user: { displayName: '管理员', role, agencyName: '芝罘区人民政府' }, enabled })} active="audit" title="审计日志">
        <h1>审计日志</h1>
      </AdminLayout>,
    );

  it('has lang, skip link, main, the user, role and a POST sign-out form with the CSRF token', () => {
    const out = admin('officer');
    expect(out.startsWith('<!doctype html><html lang="zh-CN">')).toBe(true);
    expect(out).toContain('href="#main">跳到主要内容</a>');
    expect(out).toContain('id="main"');
    expect(out).toContain('管理员<span class="gk-user__role">经办人</span>');
    expect(out).toMatch(/<form [^>]*action="\/admin\/logout" method="post"><input type="hidden" name="_csrf" value="tok-123"\/><button[^>]*>退出登录<\/button>/);
  });

  it('left navigation in the ui.md order; only built features; users and calendar for admins only', () => {
    const all = ['dashboard', 'applications', 'catalogue', 'reports', 'ratings', 'services', 'stats', 'settings', 'audit', 'users', 'calendar'];
    const navLabels = (out: string) => {
      const nav = out.slice(out.indexOf('<nav class="gk-sidenav"'), out.indexOf('</nav>', out.indexOf('<nav class="gk-sidenav"')));
      return [...nav.matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
    };
    expect(navLabels(admin('admin', all))).toEqual(['工作台', '依申请公开', '主动公开', '年度报告', '好差评', '政务服务事项', '统计', '设置', '审计日志', '用户管理', '工作日历']);
    expect(navLabels(admin('officer', all))).toEqual(['工作台', '依申请公开', '主动公开', '年度报告', '好差评', '政务服务事项', '统计', '设置', '审计日志']);
    expect(navLabels(admin('admin'))).toEqual(['工作台', '审计日志', '用户管理']);
    expect(navLabels(admin('officer'))).toEqual(['工作台', '审计日志']);
    expect(admin('officer')).toContain('href="/admin/audit" aria-current="page"');
  });

  it('visibleNav keeps the dashboard even when not listed', () => {
    expect(visibleNav('officer', []).map((n) => n.key)).toEqual(['dashboard']);
  });

  it('shows a flash message in words', () => {
    const out = renderPage(
      <AdminLayout {...sampleShell({ flash: { kind: 'success', text: '已创建用户 张三' } })} active="users" title="用户管理">
        <p>x</p>
      </AdminLayout>,
    );
    expect(out).toContain('role="status"');
    expect(out).toContain('成功：</span>');
    expect(out).toContain('已创建用户 张三');
  });
});

describe('pages', () => {
  it('HomePage lists the five 专栏 entries with descriptions and says 暂无信息 without items', () => {
    const out = renderPage(<HomePage locale="zh-CN" agency={sampleAgency} latest={[]} />);
    expect(out).toContain('<h1 class="gk-heading-xl">烟台市芝罘区人民政府政府信息公开</h1>');
    expect(out.match(/class="gk-sections__item"/g)?.length).toBe(5);
    expect(out).toContain('暂无信息');
  });

  it('HomePage lists latest items with table-form dates', () => {
    const out = renderPage(<HomePage locale="zh-CN" agency={sampleAgency} latest={[{ title: '关于2026年部分节假日安排的通知', href: '/proactive/1', date: '2026-11-27' }]} />);
    expect(out).toContain('<a class="gk-latest__title" href="/proactive/1">关于2026年部分节假日安排的通知</a>');
    expect(out).toContain('dateTime="2026-11-27">2026-11-27</time>');
    expect(out).not.toContain('暂无信息');
  });

  it('HomePage in English', () => {
    const out = renderPage(<HomePage locale="en" agency={sampleAgency} latest={[]} />);
    expect(out).toContain('lang="en"');
    expect(out).toContain('No information yet');
    expect(out).toContain('Disclosure guide');
  });

  it('DashboardPage without cards welcomes the user with role and agency; with cards links them', () => {
    const empty = renderPage(<DashboardPage shell={sampleShell()} cards={[]} />);
    expect(empty).toContain('王经办，您好。您的角色是经办人，所属机构：烟台市芝罘区行政审批服务局。');
    expect(empty).toContain('href="/admin" aria-current="page">工作台</a>');
    const withCards = renderPage(<DashboardPage shell={sampleShell()} cards={[{ title: '待办申请', value: 0, href: '/admin/applications' }]} />);
    expect(withCards).toContain('<a class="gk-card__link" href="/admin/applications"><span class="gk-card__title">待办申请</span><span class="gk-card__value gk-num">0</span>');
  });

  it('NotFoundPage and ErrorPage are Chinese, show no internals, and quote the request id', () => {
    const nf = renderPage(<NotFoundPage locale="zh-CN" />);
    expect(nf).toContain('<h1 class="gk-heading-l">页面不存在</h1>');
    const err = renderPage(<ErrorPage locale="zh-CN" requestId="req-42" />);
    expect(err).toContain('抱歉，系统出现问题');
    expect(err).toContain('<code>req-42</code>');
    const e400 = renderPage(<ErrorPage locale="en" status={400} />);
    expect(e400).toContain('The request could not be handled');
    const custom = renderPage(<ErrorPage locale="zh-CN" status={403} title="页面已过期" message="请刷新后重新提交" />);
    expect(custom).toContain('<h1 class="gk-heading-l">页面已过期</h1>');
    expect(custom).toContain('请刷新后重新提交');
  });
});

describe('no untranslated key reaches a page', () => {
  const shell = (locale: 'zh-CN' | 'en') =>
    sampleShell({ locale, user: { displayName: 'X', role: 'admin', agencyName: 'Y' }, enabled: ['dashboard', 'applications', 'catalogue', 'reports', 'ratings', 'services', 'stats', 'settings', 'audit', 'users', 'calendar'], flash: { kind: 'info', text: 'i' } });
  it.each(['zh-CN', 'en'] as const)('%s: every page and component renders text, not keys', async (locale) => {
    const { SignInPage } = await import('./pages/SignInPage.tsx');
    const { UsersPage, UserFormPage } = await import('./pages/UsersPages.tsx');
    const { AuditPage } = await import('./pages/AuditPage.tsx');
    const { DeadlineCard, Notice, StatusTag, Timeline } = await import('./components/status.tsx');
    const pages = [
      renderPage(<HomePage locale={locale} agency={sampleAgency} latest={[]} prefs={{ largeText: true, highContrast: true }} />),
      renderPage(<SignInPage locale={locale} values={{}} errors={[{ field: 'username', message: 'm' }]} />),
      renderPage(<DashboardPage shell={shell(locale)} cards={[]} />),
      renderPage(<UsersPage shell={shell(locale)} users={[{ id: 1, username: 'u', displayName: 'U', role: 'supervisor', agencyName: 'A', active: true }]} />),
      renderPage(<UserFormPage shell={shell(locale)} mode="edit" userId={1} values={{}} agencies={[]} />),
      renderPage(<AuditPage shell={shell(locale)} events={[{ id: 1, at: '2026-01-01T00:00:00Z', actorName: 'a', agencyName: 'b', action: 'x.y', entity: 'e', entityId: '1', before: null, after: { a: 1 } }]} filters={{}} page={2} pageSize={1} total={3} />),
      renderPage(<NotFoundPage locale={locale} />),
      renderPage(<ErrorPage locale={locale} requestId="r" />),
      renderPage(<ErrorPage locale={locale} status={400} />),
      renderPage(
        <AdminLayout {...shell(locale)} active="x" title="t">
          {(['overdue', 'dueSoon', 'onTime', 'done'] as const).map((s) => (
            <StatusTag key={s} status={s} locale={locale} />
          ))}
          <DeadlineCard due="2026-11-27" workdaysLeft={-1} status="overdue" provisional explanation={['a']} locale={locale} />
          <Notice kind="warning" locale={locale} title="n" />
          <Timeline events={[{ when: '2026-11-27', title: 't' }]} locale={locale} />
        </AdminLayout>,
      ),
    ];
    for (const out of pages) {
      const text = out.replace(/<[^>]+>/g, ' ');
      expect(text).not.toMatch(/\b(common|portal|admin|auth|users|audit|errors)\.[a-zA-Z]+/);
      const attrs = [...out.matchAll(/(?:aria-label|title)="([^"]*)"/g)].map((m) => m[1]);
      for (const a of attrs) expect(a).not.toMatch(/^(common|portal|admin|auth|users|audit|errors)\./);
    }
  });
});
