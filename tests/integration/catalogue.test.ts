// 主动公开 catalogue over HTTP on a real database (SQLite; PostgreSQL when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf } from '../builders/hostile-files.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const draft = (over: Record<string, unknown> = {}) => ({
  title: '关于公布行政许可事项办理结果的通知', kind: 'notice', category: 5, disclosure: 'proactive', body: '本机关依法公开行政许可办理结果。', ...over,
});

async function publish(t: TestApp, id: number) {
  for (const [as, body] of [
    ['officer', { action: 'submit' }],
    ['reviewer', { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' }],
    ['leader', { action: 'approve' }],
    ['officer', { action: 'publish' }],
  ] as const) {
    const r = await t.api('POST', `/api/catalogue/items/${id}/actions`, { as, body });
    expect(r.statusCode, `${body.action}: ${r.body}`).toBe(200);
  }
}

function multipart(field: string, filename: string, data: Buffer, type = 'application/pdf') {
  const boundary = '----gongkai' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(engines())('catalogue (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { env: { FILE_STORAGE: 'database' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds at least 30 published demo items, found by the API', async () => {
    const r = await t.api('GET', '/api/catalogue?agency=12370602780795309E');
    expect(r.statusCode).toBe(200);
    expect(r.json().total).toBeGreaterThanOrEqual(30);
  });

  it.each(['许可', '公开', '行政复议', '政务服务', '2024年'])('search finds %s (2+ characters) with highlighted snippets', async (q) => {
    const r = await t.api('GET', `/api/catalogue?agency=12370602780795309E&q=${encodeURIComponent(q)}`);
    const j = r.json();
    expect(j.total).toBeGreaterThan(0);
    const it0 = j.items[0];
    const hits = [...it0.titleHighlights, ...it0.snippet].filter((s: { hit: boolean }) => s.hit).map((s: { text: string }) => s.text);
    expect(hits).toContain(q);
  });

  it('search ranks title matches before text-only matches, each newest first, and pages across the tiers (text-only is tier 2)', async () => {
    // 3 items whose body contains 驿站 (one of them older) and 2 whose title does; published in that order (ids ascending)
    const ids: number[] = [];
    for (const d of [
      draft({ title: '关于社区服务点建设的通知', body: '在各社区设立政务服务驿站。' }),
      draft({ title: '关于便民服务的公告', body: '新增十处便民驿站。' }),
      draft({ title: '政务服务驿站开放时间', body: '周一至周五开放。' }),
      draft({ title: '关于公布第二批驿站名单的通知', body: '名单见附件。' }),
      draft({ title: '关于延长服务时间的通知', body: '驿站延长服务时间。' }),
    ]) {
      const id = (await t.api('POST', '/api/catalogue/items', { as: 'officer', body: d })).json().id as number;
      await publish(t, id);
      ids.push(id);
    }
    const r = (await t.api('GET', `/api/catalogue?agency=12370602780795309E&q=${encodeURIComponent('驿站')}`)).json();
    expect(r.total).toBe(5);
    // same publication day: tier 0 (title) newest first = ids[3], ids[2]; then tier 2 (text) newest first = ids[4], ids[1], ids[0]
    expect(r.items.map((x: { id: number }) => x.id)).toEqual([ids[3], ids[2], ids[4], ids[1], ids[0]]);
    // page 2 of size 2 starts inside tier 2 (the title and metadata tiers are counted, not walked)
    const p2 = await t.services.catalogue.search({ q: '驿站', agencyId: null, page: 2, pageSize: 2 });
    expect(p2.items.map((x) => [x.id, x.tier])).toEqual([[ids[4], 2], [ids[1], 2]]);
    const p1 = await t.services.catalogue.search({ q: '驿站', agencyId: null, page: 1, pageSize: 3 });
    expect(p1.items.map((x) => [x.id, x.tier])).toEqual([[ids[3], 0], [ids[2], 0], [ids[4], 2]]);
  });

  it('search does not match across punctuation or non-contiguous characters', async () => {
    const r = await t.api('GET', `/api/catalogue?q=${encodeURIComponent('许公')}`);
    expect(r.json().total).toBe(0);
  });

  it('a reviewer cannot publish, and nothing is published without 保密审查', async () => {
    const c = await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft() });
    expect(c.statusCode).toBe(201);
    const id = c.json().id;
    expect(c.json().indexNo).toMatch(/^12370602780795309E\/\d{4}-\d{5}$/);
    // a role that may never publish is refused as a role (403) in any state, also on a draft
    expect((await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'reviewer', body: { action: 'publish' } })).statusCode).toBe(403);
    await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'officer', body: { action: 'submit' } });
    // the leader cannot approve before the review is recorded; the officer cannot record it
    expect((await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'leader', body: { action: 'approve' } })).statusCode).toBe(409);
    expect((await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'officer', body: { action: 'record_review', reviewResult: 'pass', basis: 'x' } })).statusCode).toBe(403);
    const rv = await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'reviewer', body: { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' } });
    expect(rv.statusCode).toBe(200);
    await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'leader', body: { action: 'approve' } });
    expect((await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'reviewer', body: { action: 'publish' } })).statusCode).toBe(403);
    const pub = await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'officer', body: { action: 'publish' } });
    expect(pub.json()).toMatchObject({ state: 'published', public: true });
  });

  it('a 行政规范性文件 is not published without its 政策解读 the same day, and is published with it', async () => {
    const p = (await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft({ title: '关于规范证明事项告知承诺的通知', kind: 'normative', category: 1 }) })).json().id;
    const acts = async (id: number) => {
      await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'officer', body: { action: 'submit' } });
      await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'reviewer', body: { action: 'record_review', reviewResult: 'pass', basis: '不涉密' } });
      await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'leader', body: { action: 'approve' } });
    };
    await acts(p);
    const refused = await t.api('POST', `/api/catalogue/items/${p}/actions`, { as: 'officer', body: { action: 'publish' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().title).toContain('政策解读');
    const i = (await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft({ title: '《关于规范证明事项告知承诺的通知》解读', kind: 'interpretation', category: 1 }) })).json().id;
    await acts(i);
    expect((await t.api('POST', `/api/catalogue/items/${p}/links`, { as: 'officer', body: { interpretationId: i } })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/catalogue/items/${p}/actions`, { as: 'officer', body: { action: 'publish' } })).json().state).toBe('published');
    expect((await t.api('GET', `/api/catalogue/items/${i}`, { as: 'officer' })).json().state).toBe('published');
    const page = await t.api('GET', `/items/${p}`);
    expect(page.body).toContain('相关解读');
  });

  it('索引号 stay unique under concurrent creation and publication', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, (_, k) => t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft({ title: `并发发布测试第${k}号` }) }).then((r) => r.json() as { id: number; indexNo: string })));
    await Promise.all(ids.map((x) => publish(t, x.id)));
    const numbers = ids.map((x) => x.indexNo);
    expect(new Set(numbers).size).toBe(numbers.length);
    const rows = await t.db.selectFrom('catalogue_items').select(['agency_id', 'index_no']).execute();
    expect(new Set(rows.map((r) => `${r.agency_id}|${r.index_no}`)).size).toBe(rows.length);
  });

  it('renders HTML and script injection in title and body harmless', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const c = await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft({ title: `注入测试${evil}`, body: `<p>正文<a href="javascript:alert(3)">链接</a></p>${evil}`, bodyFormat: 'html' }) });
    const id = c.json().id;
    await publish(t, id);
    const page = await t.api('GET', `/items/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toMatch(/<img[^>]*onerror/);
    expect(page.body).not.toContain('javascript:');
    expect(page.body).toContain('注入测试&lt;script&gt;');
    const s = await t.api('GET', `/search?q=${encodeURIComponent('注入测试')}`);
    expect(s.body).not.toContain('<script>alert');
    expect(s.body).toContain('<mark>注入测试</mark>');
  });

  it('rejects a renamed executable uploaded as PDF and accepts a real PDF', async () => {
    const id = (await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft() })).json().id;
    const s = await t.login('officer');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);
    const bad = multipart('attachment', '通知.pdf', exe);
    const r1 = await t.app.inject({ method: 'POST', url: `/api/catalogue/items/${id}/attachments`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': bad.contentType }, payload: bad.payload });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().detail).toContain('不是 PDF');
    const pdf = buildPdf({ text: 'notice' });
    const good = multipart('attachment', '通知.pdf', pdf);
    const r2 = await t.app.inject({ method: 'POST', url: `/api/catalogue/items/${id}/attachments`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': good.contentType }, payload: good.payload });
    expect(r2.statusCode, r2.body).toBe(201);
    // not public before publication
    expect((await t.api('GET', `/files/${r2.json().id}`)).statusCode).toBe(404);
  });

  it('scopes items to the agency: another agency\'s item is 404', async () => {
    const street = (await t.services.agencies.list()).find((a) => a.kind === 'street')!;
    const sys = { userId: null, displayName: '测试', role: 'admin' as const, agencyId: street.id, visibleAgencyIds: [street.id] };
    const id = await t.services.catalogue.createDraft(sys, street.id, draft({ title: '街道办事处信息' }) as never);
    expect((await t.api('GET', `/api/catalogue/items/${id}`, { as: 'officer' })).statusCode).toBe(404);
    expect((await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'officer', body: { action: 'submit' } })).statusCode).toBe(404);
    expect((await t.api('GET', `/admin/catalogue/${id}`, { as: 'officer' })).statusCode).toBe(404);
    // and not on the portal before publication
    expect((await t.api('GET', `/items/${id}`)).statusCode).toBe(404);
  });

  it('abolishing a 行政规范性文件 changes the 现行有效 count', async () => {
    const year = Number(new Date().toISOString().slice(0, 4));
    const stats = async () => (await t.api('GET', `/admin/catalogue/stats?year=${year}&format=2021`, { as: 'officer' })).body;
    const cell = (html: string) => Number(/data-row="行政规范性文件" data-col="现行有效件数">(\d+)</.exec(html)?.[1]);
    const before = cell(await stats());
    const d = await t.api('GET', `/api/catalogue?agency=12370602780795309E&kind=normative&validity=valid`);
    const target = d.json().items[0].id;
    const r = await t.api('POST', `/api/catalogue/items/${target}/actions`, { as: 'officer', body: { action: 'abolish', reason: '已被新文件替代' } });
    expect(r.json().validity).toBe('abolished');
    expect(cell(await stats())).toBe(before - 1);
    expect((await t.api('GET', `/items/${target}`)).body).toContain('已废止');
  });

  it('imports CSV with a dry run that lists every row\'s problems', async () => {
    const s = await t.login('officer');
    const csv = '标题,信息类型,成文日期,发布日期,有效性\n第一条合法信息,通知公告,2024-05-01,2024-05-06,有效\n,通知公告,,2024-13-01,无效\n成文日期不可能的信息,通知公告,9999-12-31,2024-05-06,有效\n';
    const m = multipart('file', '目录.csv', Buffer.from(csv), 'text/csv');
    const r = await t.app.inject({ method: 'POST', url: '/admin/catalogue/import', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('缺少标题');
    expect(r.body).toContain('不是有效日期');
    expect(r.body).toContain('有效性“无效”');
    expect(r.body).toContain('成文日期不能晚于 2099-12-31');
  });

  it('serves the portal pages, feeds, sitemap and open data', async () => {
    for (const u of ['/guide', '/rules', '/proactive', '/proactive?category=5', '/search?q=%E8%AE%B8%E5%8F%AF']) {
      expect((await t.api('GET', u)).statusCode, u).toBe(200);
    }
    expect((await t.api('GET', '/guide')).body).toContain('办公时间');
    const rss = await t.api('GET', '/feeds/12370602780795309E.rss');
    expect(rss.headers['content-type']).toContain('rss');
    expect(rss.body).toContain('<item>');
    expect((await t.api('GET', '/feeds/12370602780795309E.atom')).body).toContain('<entry>');
    expect((await t.api('GET', '/sitemap.xml')).body).toContain('/items/');
    const od = await t.api('GET', '/open-data/12370602780795309E.json');
    expect(od.json().items.length).toBeGreaterThanOrEqual(30);
  });
});
