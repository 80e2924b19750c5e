// The demo seed's 2019 好差评 year of the 审批服务局 on both engines: getEvaluationSummary and the statistics page
// reproduce the reference agency's published figures (6,857 ratings, 4,895 return visits, 99.5%, 21 / 7 / 5) from the
// individual records, which the assertions count themselves; the seed is deterministic and does not run twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEvaluations2019 } from '../../src/features/evaluations/evaluations.demo.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const CODE = '12370602780795309E';

describe.each(engines())('demo 2019 好差评 figures (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => new Date('2025-06-10T02:00:00Z') });
  }, 120_000);
  afterAll(() => t?.close());

  it('getEvaluationSummary 2019 gives the reference figures', async () => {
    const r = await t.app.inject({ url: `/api/agencies/${CODE}/evaluations/2019` });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      ratings: 6857, returnVisits: 4895, satisfaction: 99.5, badRatings: 12, badRectified: 12, suggestions: { received: 21, adopted: 7, rectified: 5 },
    });
  });

  it('the figures are the records: counted straight from the tables', async () => {
    const dept = (await t.services.agencies.getByCreditCode(CODE))!;
    const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) => Number((await q.executeTakeFirstOrThrow()).n);
    const ratings = () => t.db.selectFrom('evaluations').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', dept.id).where('rated_on', '>=', '2019-01-01').where('rated_on', '<=', '2019-12-31');
    expect(await count(ratings())).toBe(6857);
    expect(await count(ratings().where('level', '>=', 4))).toBe(6823);
    expect(await count(t.db.selectFrom('evaluation_visits').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', dept.id).where('visited_on', '>=', '2019-01-01').where('visited_on', '<=', '2019-12-31'))).toBe(4895);
    const suggestions = () => t.db.selectFrom('suggestions').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', dept.id).where('received_on', '>=', '2019-01-01').where('received_on', '<=', '2019-12-31');
    expect(await count(suggestions())).toBe(21);
    expect(await count(suggestions().where('result', '=', 'adopted'))).toBe(7);
    expect(await count(suggestions().where('result', '=', 'rectified'))).toBe(5);
    const channels = await t.db.selectFrom('evaluations').select(['channel', (eb) => eb.fn.countAll().as('n')]).where('agency_id', '=', dept.id).where('rated_on', '<=', '2019-12-31').groupBy('channel').orderBy('channel').execute();
    expect(channels.map((c) => [c.channel, Number(c.n)])).toEqual([['qr', 712], ['survey', 1043], ['window_device', 5102]]);
    const open = await t.db.selectFrom('evaluation_orders').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', dept.id).where('opened_on', '<=', '2019-12-31').where('state', '<>', 'closed').executeTakeFirstOrThrow();
    expect(Number(open.n)).toBe(0);
    expect(await seedEvaluations2019(t.db, dept.id)).toEqual({ seeded: false, ratings: 0, visits: 0, suggestions: 0 });
  });

  it('the statistics page of 2019 shows them, with the channel mix', async () => {
    const r = await t.api('GET', '/admin/ratings/stats?from=2019-01-01&to=2019-12-31', { as: 'officer' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('data-testid="stat-ratings">6857<');
    expect(r.body).toContain('data-testid="stat-satisfaction">99.5%<');
    expect(r.body).toContain('data-testid="stat-visits">4895<');
    expect(r.body).toContain('收到 21 条，采纳 7 条，查摆整改问题 5 个');
    expect(r.body).toContain('窗口评价器');
  });

  it('the annual report of 2019 offers the 总体情况 sentence with those figures, each linked to its records', async () => {
    const dept = (await t.services.agencies.getByCreditCode(CODE))!;
    const r = await t.api('GET', `/admin/annual/${dept.id}/2019`, { as: 'officer' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('2019年，本机关共收到政务服务评价6857条，开展电话回访4895次，满意度99.5%；收到差评12条，已整改办结12条；收到意见建议21条，采纳7条，查摆整改问题5个');
    // the links narrow the lists to this agency and the year
    expect(r.body).toContain(`href="/admin/ratings?agencyId=${dept.id}&amp;from=2019-01-01&amp;to=2019-12-31"`);
    expect(r.body).toContain(`href="/admin/suggestions?state=all&amp;result=adopted&amp;agencyId=${dept.id}&amp;from=2019-01-01&amp;to=2019-12-31"`);
  });
});
