// The annual report's compiled 总体情况 states the year's 好差评 figures (国办发〔2019〕51号), and each figure links to
// its records. On the demo 审批服务局's 2019 (6,857 ratings, 4,895 return visits, 99.5%, 12 差评 all rectified,
// 21 suggestions / 7 adopted / 5 rectified, seeded as individual records): the compiled model's text; the draft the
// officer edits (textarea + “数字来源” links); every link followed to its list, whose
// count (API twin) equals the figure; an agency without ratings gets no such sentence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReport } from '../../src/core/report/rules.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const CODE = '12370602780795309E';
const SENTENCE = '2019年，本机关共收到政务服务评价6857条，开展电话回访4895次，满意度99.5%；收到差评12条，已整改办结12条；收到意见建议21条，采纳7条，查摆整改问题5个，做到有诉必理、有理必果、及时反馈。';
// figure phrase → the link of the draft, the API twin of that list and the count it must give; every list narrowed to
// the report's agency (agencyId) and the year
const figuresOf = (P: string): [string, string, string | null, number][] => [
  ['政务服务评价6857条', `/admin/ratings?${P}`, `/api/evaluations?${P}`, 6857],
  ['电话回访4895次', `/admin/ratings/visits?${P}`, `/api/evaluation-visits?${P}`, 4895],
  ['满意度99.5%', `/admin/ratings/stats?${P}`, null, 99.5],
  ['差评12条', `/admin/ratings?${P}&bad=1`, `/api/evaluations?${P}&bad=1`, 12],
  ['已整改办结12条', `/admin/ratings/orders?state=closed&${P}`, `/api/evaluation-orders?state=closed&${P}`, 12],
  ['意见建议21条', `/admin/suggestions?state=all&${P}`, `/api/suggestions?state=all&${P}`, 21],
  ['采纳7条', `/admin/suggestions?state=all&result=adopted&${P}`, `/api/suggestions?state=all&result=adopted&${P}`, 7],
  ['查摆整改问题5个', `/admin/suggestions?state=all&result=rectified&${P}`, `/api/suggestions?state=all&result=rectified&${P}`, 5],
];
// the lists that take the agency filter, without their narrowing (count of the actor's whole scope)
const AGENCY_LISTS = ['/admin/ratings/visits', '/api/evaluation-visits', '/admin/ratings', '/api/evaluations', '/admin/ratings/orders', '/api/evaluation-orders', '/admin/suggestions', '/api/suggestions'];

const esc = (s: string) => s.replace(/&/g, '&amp;');

describe.each(engines())('annual report 总体情况 with the 好差评 figures (%s)', (engine) => {
  let t: TestApp;
  let deptId = 0;
  let P = '';
  let FIGURES: ReturnType<typeof figuresOf> = [];
  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => new Date('2025-06-10T02:00:00Z') });
    deptId = (await t.services.agencies.getByCreditCode(CODE))!.id;
    P = `agencyId=${deptId}&from=2019-01-01&to=2019-12-31`;
    FIGURES = figuresOf(P);
  }, 120_000);
  afterAll(() => t?.close());

  it('the compiled model states the sentence in 总体情况, after the applications sentence; no rule finds fault with it', async () => {
    const m = await t.services.annualReports.compileModel(deptId, 2019);
    const overview = m.sections.find((s) => s.key === 'overview')!;
    expect(overview.text).toContain(`\n${SENTENCE}`);
    expect(overview.text.startsWith('2019年，本机关依照《中华人民共和国政府信息公开条例》')).toBe(true);
    expect(m.sections.filter((s) => s.text.includes('政务服务评价')).map((s) => s.key)).toEqual(['overview']);
    expect(checkReport(m, { today: '2025-06-10' }).filter((f) => f.rule === 'N1')).toEqual([]);
  });

  it('an agency without ratings in the year gets no 好差评 sentence', async () => {
    const other = (await t.services.agencies.list()).find((a) => a.id !== deptId && a.creditCode !== CODE)!;
    const m = await t.services.annualReports.compileModel(other.id, 2019);
    expect(m.sections.find((s) => s.key === 'overview')!.text).not.toContain('政务服务评价');
  });

  it('the draft the officer edits holds the sentence, each figure linked to its records; the lists behind the links count the figures', async () => {
    // a database where 2019 has not been compiled yet (the demo publishes the reference agency's own 2019 text, whose
    // edited sections a recompile keeps): the officer compiles the year
    const report = await t.db.selectFrom('annual_reports').select('id').where('agency_id', '=', deptId).where('year', '=', 2019).executeTakeFirstOrThrow();
    await t.db.deleteFrom('annual_report_events').where('report_id', '=', report.id).execute();
    await t.db.deleteFrom('annual_report_publications').where('report_id', '=', report.id).execute();
    await t.db.deleteFrom('annual_reports').where('id', '=', report.id).execute();
    const compiled = await t.form(`/admin/annual/${deptId}/compile`, { year: '2019' }, { as: 'officer' });
    expect(compiled.statusCode, compiled.body).toBe(303);
    const draft = await t.api('GET', `/admin/annual/${deptId}/2019`, { as: 'officer' });
    expect(draft.statusCode).toBe(200);
    const textarea = /<textarea[^>]*name="section_overview"[^>]*>([^<]*)<\/textarea>/.exec(draft.body)?.[1] ?? '';
    expect(textarea).toContain(SENTENCE);
    const figures = /data-testid="section-figures">([\s\S]*?)<\/p>/.exec(draft.body)?.[1] ?? '';
    for (const [text, href] of FIGURES) expect(figures, text).toContain(`<a href="${esc(href)}">${text}</a>`);
    // offered separately only when the text no longer states it
    expect(draft.body).not.toContain('data-testid="evaluations-sentence"');

    for (const [text, href, api, n] of FIGURES) {
      const list = await t.api('GET', href, { as: 'officer' });
      expect(list.statusCode, href).toBe(200);
      if (api) {
        const r = await t.api('GET', api, { as: 'officer' });
        expect(r.statusCode, api).toBe(200);
        expect((r.json() as { total: number }).total, text).toBe(n);
      }
    }
    // a return visit states what the rater said and the rating it belongs to, never who the rater is
    const visits = (await t.api('GET', `/api/evaluation-visits?${P}&pageSize=1`, { as: 'supervisor' })).json() as { items: Record<string, unknown>[] };
    expect(Object.keys(visits.items[0]!).sort()).toEqual(['agencyName', 'evaluationId', 'id', 'level', 'method', 'orderId', 'ratedOn', 'receiptCode', 'said', 'visitedOn', 'visitor']);
    expect(visits.items[0]!.visitedOn).toBe('2019-12-31');
    const stats = await t.api('GET', `/admin/ratings/stats?${P}`, { as: 'officer' });
    expect(stats.body).toContain('data-testid="stat-visits">4895<');
    expect(stats.body).toContain('data-testid="stat-satisfaction">99.5%<');
  });

  it('the lists narrowed to one agency: its supervisor counts that agency\'s figures; an agency outside the scope is not found, a bad one is 400', async () => {
    // one 2019 rating of another agency in the supervisor's scope: the whole scope counts it, the narrowed list does not
    const sup = await t.db.selectFrom('users').select('agency_id').where('username', '=', 'supervisor').executeTakeFirstOrThrow();
    const scope = (await t.services.agencies.list()).filter((a) => a.id !== deptId && (a.id === sup.agency_id || a.parentId === sup.agency_id));
    const neighbour = scope[0]!;
    await t.db.insertInto('evaluations').values({
      agency_id: neighbour.id, receipt_code: 'PJAUTHZ0001', level: 5, channel: 'survey', target_type: 'agency', target_ref: null, service_item_code: null,
      comment: null, indicators_json: null, real_name: 0, rater_name: null, rater_phone: null, phone_hash: null,
      rated_on: '2019-05-06', created_at: '2019-05-06T02:00:00.000Z', once_key: null, source_id: null,
    }).execute();
    const whole = await t.api('GET', '/api/evaluations?from=2019-01-01&to=2019-12-31', { as: 'supervisor' });
    expect((whole.json() as { total: number }).total).toBe(6858);
    for (const [text, , api, n] of FIGURES) {
      if (!api) continue;
      const r = await t.api('GET', api, { as: 'supervisor' });
      expect(r.statusCode, api).toBe(200);
      expect((r.json() as { total: number }).total, text).toBe(n);
    }
    // the officer of 审批服务局 sees no other agency: asking for one is 404 on the page and its API twin alike
    const foreign = (await t.services.agencies.list()).find((a) => a.id !== deptId)!;
    for (const path of AGENCY_LISTS) {
      const r = await t.api('GET', `${path}?agencyId=${foreign.id}`, { as: 'officer' });
      expect(r.statusCode, path).toBe(404);
    }
    for (const path of AGENCY_LISTS.filter((l) => l.startsWith('/api/'))) {
      const r = await t.api('GET', `${path}?agencyId=abc`, { as: 'officer' });
      expect(r.statusCode, path).toBe(400);
      expect(r.body, path).toContain('单位无效');
    }
  });
});
