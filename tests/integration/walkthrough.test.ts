// What a new user stumbled on, walking through the demo: each test names the defect it guards against
// (portal home, favicon, feeds, search, catalogue, annual report pages, audit log, calendar, 公开指南).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';

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
});
