// 好差评 public pages on both engines: the rating page of a window, a 办件 and the agency (no sign-in), a 差评 with a
// phone posted through the page lands as the same record submitEvaluation makes (work order, sealed phone); refused
// forms come back with an error summary (400), a second rating of a 办件 through the same channel is told so (409);
// the honeypot stores nothing; the status page by receipt code; the suggestion form and its status page; the QR
// card (PDF) for the counter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrSymbol, ratingPath } from '../../src/features/evaluations/evaluations.card.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const CODE = '12370602780795309E';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(engines())('好差评 public pages (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => new Date('2025-06-10T02:00:00Z') });
    const r = await t.api('POST', '/api/evaluation-cases', { as: 'officer', body: { caseNumber: 'BJ20250609001', concludedOn: '2025-06-09' } });
    expect(r.statusCode, r.body).toBe(201);
  }, 120_000);
  afterAll(() => t?.close());

  const post = (url: string, fields: Record<string, string>) => t.app.inject({ method: 'POST', url, headers: FORM, payload: form(fields) });

  it('a window’s page: five large choices, no sign-in; in 长辈模式 and in English', async () => {
    const url = ratingPath(CODE, 'window', '3号窗口');
    expect(url).toBe(`/rate/${CODE}/window/3%E5%8F%B7%E7%AA%97%E5%8F%A3`);
    const r = await t.app.inject({ url });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('窗口：3号窗口');
    expect(r.body).toContain('gk-rating');
    expect(r.body.match(/name="level"/g)).toHaveLength(5);
    expect(r.body).toContain('name="website"');
    const large = await t.app.inject({ url, cookies: { gk_prefs: 'large' } });
    expect(large.body).toContain('class="gk-large"');
    const en = await t.app.inject({ url: `${url}?lang=en` });
    expect(en.body).toContain('Very satisfied');
  });

  it('a 差评 with a comment and a phone through the page → 201 receipt; the work order is open and the phone sealed', async () => {
    const r = await post(ratingPath(CODE, 'window', '3号窗口'), { level: '1', comment: '等了一个小时没人叫号', name: '王五', phone: '13800000005' });
    expect(r.statusCode, r.body).toBe(201);
    const code = /data-testid="receipt-code">([A-Z0-9]+)</.exec(r.body)![1]!;
    const e = await t.db.selectFrom('evaluations').selectAll().where('receipt_code', '=', code).executeTakeFirstOrThrow();
    expect(e).toMatchObject({ level: 1, channel: 'qr', target_type: 'window', target_ref: '3号窗口', real_name: 1, comment: '等了一个小时没人叫号' });
    expect(e.rater_phone).toMatch(/^pd1:/);
    expect(await t.db.selectFrom('evaluation_orders').select('state').where('evaluation_id', '=', e.id).executeTakeFirst()).toEqual({ state: 'verifying' });
    const status = await t.app.inject({ url: `/rate/status?code=${code}` });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('待核实');
    expect(status.body).not.toContain('13800000005');
    const byForm = await post('/rate/status', { code: code.toLowerCase() });
    expect(byForm.statusCode).toBe(200);
    expect(byForm.body).toContain('待核实');
  });

  it('refused forms: no level, half a contact, a wrong 办件 number → 400 with the error summary and the messages', async () => {
    const none = await post(ratingPath(CODE, 'agency', null), { comment: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('gk-error-summary');
    expect(none.body).toContain('请选择评价等级');
    const half = await post(ratingPath(CODE, 'agency', null), { level: '4', name: '赵六' });
    expect(half.statusCode).toBe(400);
    expect(half.body).toContain('href="#field-phone"');
    const wrong = await post(ratingPath(CODE, 'case', 'BJ20250609001'), { level: '4', ref: 'NO-SUCH-CASE' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('找不到办件编号“NO-SUCH-CASE”');
    expect(wrong.body).toContain('href="#field-ref"');
  });

  it('a 办件 rated once through the page; a second attempt is told so (409), the form kept', async () => {
    const url = ratingPath(CODE, 'case', 'BJ20250609001');
    const page = await t.app.inject({ url });
    expect(page.body).toContain('value="BJ20250609001"');
    expect((await post(url, { level: '5', ref: 'bj20250609001' })).statusCode).toBe(201);
    const again = await post(url, { level: '4', ref: 'BJ20250609001', comment: '再评一次' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('gk-error-summary');
    expect(again.body).toContain('该办件已通过此渠道评价过，每个办件每个渠道只能评价一次');
    expect(again.body).toContain('再评一次');
  });

  it('the honeypot answers like a success and stores nothing; an unknown agency or target type is 404', async () => {
    const before = await t.db.selectFrom('evaluations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const r = await post(ratingPath(CODE, 'agency', null), { level: '1', website: 'http://spam' });
    expect(r.statusCode).toBe(201);
    expect(await t.db.selectFrom('evaluations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual(before);
    expect((await t.app.inject({ url: '/rate/000000000000000000' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/rate/${CODE}/desk/1` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/rate/status?code=PJNOSUCH1' })).statusCode).toBe(404);
  });

  it('a suggestion through the public form → 201 query code; its status page shows no personal data', async () => {
    const r = await post(`/suggest/${CODE}`, { content: '吐槽找茬：自助终端经常死机，建议及时维护', name: '钱七', phone: '13800000007' });
    expect(r.statusCode, r.body).toBe(201);
    const code = /data-testid="query-code">([A-Z0-9]+)</.exec(r.body)![1]!;
    const s = await t.app.inject({ url: `/suggest/status?code=${code}` });
    expect(s.statusCode).toBe(200);
    expect(s.body).toContain('已受理，办理中');
    expect(s.body).not.toContain('13800000007');
    const bad = await post(`/suggest/${CODE}`, { content: '短' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gk-error-summary');
  });

  it('the QR card of a window for the counter: a PDF (A6) for staff, the QR symbol of the page URL', async () => {
    const anon = await t.app.inject({ url: '/api/evaluation-card?type=window&ref=3%E5%8F%B7%E7%AA%97%E5%8F%A3' });
    expect(anon.statusCode).toBe(401);
    const r = await t.api('GET', '/api/evaluation-card?type=window&ref=3%E5%8F%B7%E7%AA%97%E5%8F%A3', { as: 'officer' });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const noRef = await t.api('GET', '/api/evaluation-card?type=window', { as: 'officer' });
    expect(noRef.statusCode).toBe(400);
    const q = qrSymbol(`https://gk.example.gov.cn${ratingPath(CODE, 'window', '3号窗口')}`);
    expect(q.size).toBeGreaterThanOrEqual(25);
    expect(q.viewBox).toBe(q.size + 8);
    expect(q.path).toMatch(/^M4 4h7v1h-7z/);
  });
});
