// What a new user stumbled on, walking through the demo: each test names the defect it guards against
// (portal home, favicon, feeds, search, catalogue, annual report pages, audit log, calendar, 公开指南).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { buildPdf } from '../builders/hostile-files.ts';

describe.each(engines())('walk-through of the demo (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  describe('portal', () => {
    it('home lists the newest published items under 最新公开信息 (not "暂无信息")', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/' });
      const latest = res.body.slice(res.body.indexOf('id="latest-title"'));
      expect(latest).not.toContain('暂无信息');
      const items = [...latest.matchAll(/<li class="gk-latest__item"><a class="gk-latest__title" href="\/items\/(\d+)">([^<]+)<\/a><time class="gk-latest__date" dateTime="(\d{4}-\d{2}-\d{2})"/g)];
      expect(items.length).toBe(8);
      // newest first: the demo's 2026 好差评 policy and its 解读 are the newest publications
      expect(items.map((m) => m[3])).toEqual([...items.map((m) => m[3]!)].sort().reverse());
      expect(items.some((m) => m[2]!.includes('好差评'))).toBe(true);
    });

    it('/favicon.ico is an icon with a week of caching, and every page names the SVG icon', async () => {
      const ico = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
      expect(ico.statusCode).toBe(200);
      expect(ico.headers['content-type']).toBe('image/x-icon');
      expect(ico.headers['cache-control']).toBe('public, max-age=604800');
      expect(ico.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
      for (const url of ['/', '/proactive', '/search?q=许可', '/admin/login']) {
        const page = await t.app.inject({ method: 'GET', url: encodeURI(url) });
        expect(page.body, url).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>');
      }
      const svg = await t.app.inject({ method: 'GET', url: '/static/favicon.svg' });
      expect(svg.statusCode).toBe(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    });

    it('portal pages announce the RSS feed in the head and link it visibly; the feed answers', async () => {
      for (const url of ['/', '/proactive', '/guide']) {
        const page = await t.app.inject({ method: 'GET', url });
        expect(page.body, url).toMatch(/<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/feeds\/12370602780795309E\.rss"\/>/);
        expect(page.body, url).toMatch(/<a href="\/feeds\/12370602780795309E\.rss" type="application\/rss\+xml">RSS 订阅<\/a>/);
      }
      const feed = await t.app.inject({ method: 'GET', url: '/feeds/12370602780795309E.rss' });
      expect(feed.statusCode).toBe(200);
      expect(feed.body).toContain('<rss version="2.0">');
    });
  });

  describe('search', () => {
    const search = (q: string, pageSize = 50) => t.services.catalogue.search({ q, agencyId: null, page: 1, pageSize });

    it.each([
      // [query, how many demo items, tier of every hit]: the 信息类型 label, 文号, 主题分类 find items whose title does not say it
      ['行政规范性文件', 4, 1],
      ['芝审批规', 4, 1],
      ['芝审批规〔2025〕1号', 1, 1],
      ['营商环境', 5, 1],
    ])('%s finds %i items through the catalogue metadata (tier %i)', async (q, n, tier) => {
      const r = await search(q);
      expect(r.total).toBe(n);
      expect(r.items.map((i) => i.tier)).toEqual(Array(n).fill(tier));
    });

    it('the 发布机构 is searchable: its name finds every published item of the agency, titles naming it first', async () => {
      const all = await t.services.catalogue.publicList({ agencyId: null, page: 1, pageSize: 100 });
      const r = await search('芝罘区行政审批服务局', 100);
      expect(r.total).toBe(all.total);
      const tiers = r.items.map((i) => i.tier);
      expect(tiers).toEqual([...tiers].sort());
      expect(tiers.filter((x) => x === 0).length).toBeGreaterThan(0);
      expect(tiers.filter((x) => x === 1).length).toBeGreaterThan(0);
    });

    it('"公开" finds the items about 公开 (title first, then metadata), not every item through a boilerplate sentence', async () => {
      const r = await search('公开');
      expect(r.total).toBeLessThanOrEqual(5);
      expect(r.items.slice(0, 2).map((i) => [i.title, i.tier])).toEqual([
        ['芝罘区行政审批服务局政府信息公开指南', 0],
        ['芝罘区行政审批服务局政府信息公开工作制度', 0],
      ]);
      const tiers = r.items.map((i) => i.tier);
      expect(tiers).toEqual([...tiers].sort());
    });

    it('rebuilding the search index from empty (reindexAll) gives every published item exactly the index publishing gave it', async () => {
      const queries = ['行政规范性文件', '公开', '许可', '芝罘区行政审批服务局', '2024年'];
      const before = await Promise.all(queries.map((q) => search(q, 100)));
      // empty the index the way a rebuild starts (PostgreSQL tsvector rows; SQLite's contentless FTS5 table)
      if (engine === 'postgres') await sql`delete from catalogue_search`.execute(t.db);
      else await sql`delete from catalogue_fts`.execute(t.db);
      // the index is empty (asked of the table: a search of the same words may be answered from the search memo,
      // which a raw delete does not move on — a rebuild does, below)
      const left = await sql<{ n: unknown }>`select count(*) as n from ${sql.table(engine === 'postgres' ? 'catalogue_search' : 'catalogue_fts')}`.execute(t.db);
      expect(Number(left.rows[0]!.n)).toBe(0);
      await t.services.catalogue.reindexAll();
      const after = await Promise.all(queries.map((q) => search(q, 100)));
      expect(after.map((r) => r.items.map((i) => [i.id, i.tier]))).toEqual(before.map((r) => r.items.map((i) => [i.id, i.tier])));
      expect(after[0]!.total).toBe(4);
    });

    it('a snippet shows the summary once', async () => {
      const r = await search('行政许可结果');
      expect(r.total).toBeGreaterThan(0);
      for (const i of r.items) {
        const text = i.snippet.segments.map((s) => s.text).join('');
        expect(text.split('本季度作出的准予行政许可决定目录').length - 1, text).toBeLessThanOrEqual(1);
      }
      const page = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('告知承诺')}` });
      const snippets = [...page.body.matchAll(/<p class="gk-result__snippet">(.*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
      expect(snippets.length).toBeGreaterThan(0);
      for (const s of snippets) expect(s.split('对适用告知承诺制的审批事项').length - 1, s).toBeLessThanOrEqual(1);
    });
  });

  describe('catalogue (back office)', () => {
    const draft = (over: Record<string, unknown> = {}) => ({ title: '关于调整窗口受理时间的公告', kind: 'notice', category: 15, disclosure: 'proactive', body: '自下月起调整受理时间。', ...over });
    const flashOf = (res: { cookies: Array<{ name: string; value: string }> }) => decodeURIComponent(res.cookies.find((c) => c.name === 'gk_flash')?.value ?? '');

    it('a 第二十六条 due date late in December 2026 is not 暂定: 2026 is announced and 2027-01-01 (Friday) cannot bridge into it', async () => {
      const id = (await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft({ formedOn: '2026-12-01' }) })).json().id as number;
      const s = await t.login('officer');
      const page = await t.app.inject({ method: 'GET', url: `/admin/catalogue/${id}`, headers: { cookie: s.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('2026年12月29日');
      expect(page.body).not.toContain('暂定');
      expect(page.body).not.toContain('尚未公布');
    });

    it('the status filter lists each state once (已撤回 once)', async () => {
      const s = await t.login('officer');
      const page = await t.app.inject({ method: 'GET', url: '/admin/catalogue', headers: { cookie: s.cookie } });
      const select = /<select[^>]*name="state"[^>]*>(.*?)<\/select>/s.exec(page.body)![1]!;
      const values = [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]).filter((v) => v !== '');
      expect(values).toEqual(['draft', 'secrecy_review', 'approval', 'approved', 'published', 'withdrawn']);
    });

    it('each workflow action says what was done (not "已办理")', async () => {
      const id = (await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft() })).json().id as number;
      const steps: Array<[string, Record<string, string>, string]> = [
        ['officer', { action: 'submit' }, '已提交保密审查'],
        ['reviewer', { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' }, '已记录保密审查结果：通过'],
        ['leader', { action: 'approve' }, '已审核通过'],
        ['officer', { action: 'publish' }, '已发布，门户网站已可查看'],
        ['leader', { action: 'abolish', validity: 'expired', reason: '期满' }, '已标记为失效'],
      ];
      for (const [as, fields, words] of steps) {
        const res = await t.form(`/admin/catalogue/${id}/actions`, fields, { as });
        expect(res.statusCode, `${fields.action}: ${res.body.slice(0, 300)}`).toBe(303);
        expect(flashOf(res)).toContain(words);
        expect(flashOf(res)).not.toBe('已办理');
      }
    });

    it('attachments are listed as 附件N：name (kind, size), not as the raw file name', async () => {
      const id = (await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft() })).json().id as number;
      const s = await t.login('officer');
      const pdf = buildPdf({ text: 'notice' });
      const boundary = '----walkthrough';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="受理时间_调整表.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const up = await t.app.inject({ method: 'POST', url: `/api/catalogue/items/${id}/attachments`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      expect(up.statusCode, up.body).toBe(201);
      const page = await t.app.inject({ method: 'GET', url: `/admin/catalogue/${id}`, headers: { cookie: s.cookie } });
      expect(page.body).toMatch(/附件1：<a href="\/admin\/catalogue\/attachments\/\d+">受理时间 调整表<\/a>（PDF，1 KB）/);
      expect(page.body).not.toContain('>受理时间_调整表.pdf<');
    });
  });

  describe('annual report pages', () => {
    const code = '12370602780795309E';
    const agencyId = async () => (await t.services.agencies.getByCreditCode(code))!.id;

    it('the published 2019 report says when it was published: no "剩余 -N 天", no P1 "尚无发布日期"', async () => {
      const s = await t.login('officer');
      const page = await t.app.inject({ method: 'GET', url: `/admin/annual/${await agencyId()}/2019`, headers: { cookie: s.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('2020-01-31（已于 2020-01-20 发布）');
      expect(page.body).not.toMatch(/剩余 -\d/);
      expect(page.body).not.toContain('尚无发布日期');
      const index = await t.app.inject({ method: 'GET', url: '/admin/annual', headers: { cookie: s.cookie } });
      expect(index.body).not.toMatch(/剩余 -\d/);
    });

    it('downloads of the published report are named by version, not …-draft; the page offers XLSX', async () => {
      const s = await t.login('officer');
      const base = `/admin/annual/${await agencyId()}/2019`;
      const page = await t.app.inject({ method: 'GET', url: base, headers: { cookie: s.cookie } });
      for (const f of ['docx', 'pdf', 'xlsx']) expect(page.body).toContain(`href="${base}/download?format=${f}"`);
      for (const f of ['pdf', 'xlsx']) {
        const res = await t.app.inject({ method: 'GET', url: `${base}/download?format=${f}`, headers: { cookie: s.cookie } });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="annual-report-${code}-2019-v1.${f}"`);
      }
    });

    it('the portal report page: no style attributes (CSP), the official tables stylesheet, bordered tables, an XLSX download', async () => {
      const page = await t.app.inject({ method: 'GET', url: `/reports/${code}/2019` });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-security-policy']).toMatch(/style-src 'self'(;|$)/);
      expect(page.body).not.toMatch(/\sstyle="/);
      expect(page.body).toContain('<link rel="stylesheet" href="/static/report.css"/>');
      const css = (await t.app.inject({ method: 'GET', url: '/static/report.css' })).body;
      expect(css).toMatch(/table\.gk-official td \{ border: 1px solid #333;/);
      const widths = [...page.body.matchAll(/<col class="(gk-w\d+)"\/>/g)].map((m) => m[1]!);
      expect(widths.length).toBeGreaterThan(20);
      for (const w of new Set(widths)) expect(css, w).toContain(`col.${w} { width: ${w.slice(4)}%; }`);
      expect(page.body).toContain(`href="/api/agencies/${code}/reports/2019?format=xlsx"`);
      const xlsx = await t.app.inject({ method: 'GET', url: `/api/agencies/${code}/reports/2019?format=xlsx` });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });
  });

  describe('audit log, calendar, 公开指南', () => {
    it('the zh-CN audit log names actions in Chinese and users by name, not "annual_report.publish" / "user 1"', async () => {
      const s = await t.login('admin');
      const page = await t.app.inject({ method: 'GET', url: '/admin/audit?pageSize=200', headers: { cookie: s.cookie } });
      expect(page.statusCode).toBe(200);
      const table = page.body.slice(page.body.indexOf('<table'));
      for (const words of ['年度报告：发布', '登录', '依申请公开：审核通过并出具', '主动公开：发布', '用户 系统管理员']) expect(table, words).toContain(words);
      expect(table).not.toContain('<code>annual_report.publish</code>');
      expect(table).not.toMatch(/>user \d+</);
      // the filter offers the same names, keeping the codes as values
      expect(page.body).toContain('<option value="annual_report.publish">年度报告：发布</option>');
      // English pages keep the codes
      const en = await t.app.inject({ method: 'GET', url: '/admin/audit?lang=en', headers: { cookie: s.cookie } });
      expect(en.body).toContain('<code>session.create</code>');
    });

    it.each([
      // [asked year, year shown, previous-year link, next-year link]: the data covers 2007–2026, the page 2006–2027
      ['1990', 2006, false, true],
      ['2006', 2006, false, true],
      ['2016', 2016, true, true],
      ['2027', 2027, true, false],
      ['2101', 2027, true, false],
    ])('the calendar page for %s shows %i, within the data\'s years ± 1', async (asked, shown, prev, next) => {
      const s = await t.login('admin');
      const page = await t.app.inject({ method: 'GET', url: `/admin/calendar?year=${asked}`, headers: { cookie: s.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`${shown}年`);
      expect(page.body).toContain('可查看 2006 至 2027 年');
      expect(page.body.includes(`href="/admin/calendar?year=${shown - 1}"`)).toBe(prev);
      expect(page.body.includes(`href="/admin/calendar?year=${shown + 1}"`)).toBe(next);
      expect(page.body).not.toMatch(/(1989|1990|2101)年/);
      if (shown === 2006) {
        expect(page.body).not.toContain('2006年的放假安排尚未公布');
        expect(page.body).toContain('从2007年开始，未收录2006年');
      }
    });

    it('the public 公开指南 describes the 索引号 in words with an example, not "{YYYY}-{NNNNN}"', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/guide' });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toMatch(/\{(YYYY|NNNNN|统一社会信用代码)\}/);
      expect(page.body).toMatch(/索引号由统一社会信用代码、4位年份、5位流水号组成，例如“12370602780795309E\/\d{4}-00001”/);
    });
  });
});
