// 好差评 back-office pages on both engines: a 差评 taken from the rating page through every step of its work order by
// page forms (回访, 限期整改 with its due date, rectification with a photo posted multipart, feedback, the
// supervisor's close), refused forms with an error summary on the order page (实名差评 classified before a visit,
// a stale version → 409), the rater's phone only for the handling unit, the ratings list with filters, the
// statistics page (figures and SVG charts), the QR card page, and a suggestion from the public form to 采纳 and a reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratingPath } from '../../src/features/evaluations/evaluations.card.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const CODE = '12370602780795309E';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe.each(engines())('好差评 back-office pages (%s)', (engine) => {
  let t: TestApp;
  let receipt = '';
  let orderId = 0;
  beforeAll(async () => {
    // “today” is 2025-06-10 (Tuesday)
    t = await createTestApp(engine, { clock: () => new Date('2025-06-10T02:00:00Z') });
    const r = await t.app.inject({ method: 'POST', url: ratingPath(CODE, 'window', '5号窗口'), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ level: '1', comment: '材料清单和窗口说的不一样', name: '孙八', phone: '13800000008' }).toString() });
    expect(r.statusCode, r.body).toBe(201);
    receipt = /data-testid="receipt-code">([A-Z0-9]+)</.exec(r.body)![1]!;
    const e = await t.db.selectFrom('evaluations').select('id').where('receipt_code', '=', receipt).executeTakeFirstOrThrow();
    orderId = (await t.db.selectFrom('evaluation_orders').select('id').where('evaluation_id', '=', e.id).executeTakeFirstOrThrow()).id;
  }, 120_000);
  afterAll(() => t?.close());

  const version = async () => String((await t.db.selectFrom('evaluation_orders').select('version').where('id', '=', orderId).executeTakeFirstOrThrow()).version);
  const page = async (url: string, as = 'officer') => t.api('GET', url, { as });

  it('the order page: rater data in full for the officer, masked for the supervisor; the officer’s forms are the steps of the state', async () => {
    const mine = await page(`/admin/ratings/orders/${orderId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('孙八 13800000008');
    expect(mine.body).toContain(`/admin/ratings/orders/${orderId}/actions/logVisit`);
    expect(mine.body).toContain(`/admin/ratings/orders/${orderId}/actions/classify`);
    expect(mine.body).not.toContain('actions/closeOrder');
    const sup = await page(`/admin/ratings/orders/${orderId}`, 'supervisor');
    expect(sup.body).not.toContain('13800000008');
    expect(sup.body).toContain('孙*');
    const list = await page('/admin/ratings/orders');
    expect(list.body).toContain(receipt);
  });

  it('classifying a 实名差评 before a visit is refused on the page with an error summary (409); a stale version too', async () => {
    const r = await t.form(`/admin/ratings/orders/${orderId}/actions/classify`, { version: await version(), classification: 'deadline', reason: '核实属实' }, { as: 'officer' });
    expect(r.statusCode).toBe(409);
    expect(r.body).toContain('gk-error-summary');
    expect(r.body).toContain('实名差评必须先回访核实');
    const empty = await t.form(`/admin/ratings/orders/${orderId}/actions/logVisit`, { version: await version() }, { as: 'officer' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('gk-error-summary');
    expect(empty.body).toContain('请填写回访人');
    const stale = await t.form(`/admin/ratings/orders/${orderId}/actions/logVisit`, { version: '999', visitedOn: '2025-06-10', visitor: '李经办', method: 'phone', said: '评价人说材料清单不一致' }, { as: 'officer' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('gk-error-summary');
  });

  it('回访 → 限期整改 (15 working days) → rectification with a photo (multipart) → feedback → the rater sees it → supervisor closes', async () => {
    const visit = await t.form(`/admin/ratings/orders/${orderId}/actions/logVisit`, { version: await version(), visitedOn: '2025-06-10', visitor: '李经办', method: 'phone', said: '评价人说材料清单不一致' }, { as: 'officer' });
    expect(visit.statusCode, visit.body.slice(0, 500)).toBe(303);
    const cls = await t.form(`/admin/ratings/orders/${orderId}/actions/classify`, { version: await version(), classification: 'deadline', reason: '清单未及时更新，列入台账限期整改' }, { as: 'officer' });
    expect(cls.statusCode).toBe(303);
    const after = await page(`/admin/ratings/orders/${orderId}`);
    expect(after.body).toContain('限期整改');
    expect(after.body).toContain('2025-07-01');
    const s = await t.login('officer');
    const boundary = '----gongkaievidence7a1';
    const field = (name: string, v: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`);
    const body = Buffer.concat([
      field('_csrf', s.csrf), field('version', await version()), field('text', '已更新窗口和网上的材料清单'),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="整改照片.png"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from('\r\n'),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const rect = await t.app.inject({ method: 'POST', url: `/admin/ratings/orders/${orderId}/actions/recordRectification`, payload: body, headers: { cookie: s.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(rect.statusCode, rect.body.slice(0, 500)).toBe(303);
    const withFile = await page(`/admin/ratings/orders/${orderId}`);
    const link = /href="(\/api\/evaluation-orders\/\d+\/files\/\d+)"/.exec(withFile.body)![1]!;
    const file = await t.api('GET', link, { as: 'officer' });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    const fb = await t.form(`/admin/ratings/orders/${orderId}/actions/sendFeedback`, { version: await version(), text: '感谢您的反映，窗口和网上的材料清单已经统一更新。' }, { as: 'officer' });
    expect(fb.statusCode).toBe(303);
    const status = await t.app.inject({ url: `/rate/status?code=${receipt}` });
    expect(status.body).toContain('感谢您的反映，窗口和网上的材料清单已经统一更新。');
    const wrongRole = await t.form(`/admin/ratings/orders/${orderId}/actions/closeOrder`, { version: await version(), note: '回访满意' }, { as: 'officer' });
    expect(wrongRole.statusCode).toBe(403);
    const close = await t.form(`/admin/ratings/orders/${orderId}/actions/closeOrder`, { version: await version(), note: '回访评价人，对整改满意' }, { as: 'supervisor' });
    expect(close.statusCode).toBe(303);
    expect((await t.app.inject({ url: `/rate/status?code=${receipt}` })).body).toContain('已办结');
  });

  it('the ratings list filters by 差评 and pages; bad filters are told, never a 500', async () => {
    const r = await page('/admin/ratings?bad=1');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(receipt);
    expect(r.body).toContain('孙八');
    const sup = await page('/admin/ratings?bad=1', 'supervisor');
    expect(sup.body).not.toContain('13800000008');
    const bad = await page('/admin/ratings?from=2025-13-45&level=9');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gk-error-summary');
  });

  it('the statistics page: figures, the formula, SVG charts of the month trend and the channel mix', async () => {
    const r = await page('/admin/ratings/stats?from=2025-01-01&to=2025-12-31', 'supervisor');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('data-testid="stat-ratings">1<');
    expect(r.body).toContain('（非常满意＋满意）÷ 全部评价');
    expect(r.body.match(/<svg/g)!.length).toBeGreaterThanOrEqual(2);
    expect(r.body).toContain('二维码 / 小程序');
    const wrong = await page('/admin/ratings/stats?from=2025-12-31&to=2025-01-01');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('结束日期不能早于开始日期');
  });

  it('the QR card page draws the QR of the window’s page and links the PDF card', async () => {
    const r = await page('/admin/ratings/cards?type=window&ref=5%E5%8F%B7%E7%AA%97%E5%8F%A3');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('class="gk-qr"');
    expect(r.body).toContain(`/rate/${CODE}/window/5%E5%8F%B7%E7%AA%97%E5%8F%A3`);
    expect(r.body).toMatch(/href="\/api\/evaluation-card\?agencyId=\d+&amp;type=window&amp;ref=/);
    const none = await page('/admin/ratings/cards?type=window');
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('gk-error-summary');
  });

  it('a suggestion from the public form to 采纳 and a reply, through the pages; the person sees the reply by query code', async () => {
    const r = await t.app.inject({ method: 'POST', url: `/suggest/${CODE}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ content: '建议在大厅增加老年人休息座椅', phone: '13800000009' }).toString() });
    expect(r.statusCode).toBe(201);
    const code = /data-testid="query-code">([A-Z0-9]+)</.exec(r.body)![1]!;
    const row = await t.db.selectFrom('suggestions').select(['id', 'version']).where('query_code', '=', code).executeTakeFirstOrThrow();
    const list = await page('/admin/suggestions');
    expect(list.body).toContain(code);
    const noReason = await t.form(`/admin/suggestions/${row.id}/handling`, { version: String(row.version), result: 'rejected' }, { as: 'officer' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('gk-error-summary');
    const early = await t.form(`/admin/suggestions/${row.id}/reply`, { version: String(row.version), text: '感谢' }, { as: 'officer' });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('请先登记办理结果');
    expect((await t.form(`/admin/suggestions/${row.id}/handling`, { version: String(row.version), result: 'adopted', text: '采纳，已在大厅增加12个座椅' }, { as: 'officer' })).statusCode).toBe(303);
    const v2 = (await t.db.selectFrom('suggestions').select('version').where('id', '=', row.id).executeTakeFirstOrThrow()).version;
    expect((await t.form(`/admin/suggestions/${row.id}/reply`, { version: String(v2), text: '您的建议已采纳，大厅已增加座椅，谢谢。' }, { as: 'officer' })).statusCode).toBe(303);
    const status = await t.app.inject({ url: `/suggest/status?code=${code}` });
    expect(status.body).toContain('已答复');
    expect(status.body).toContain('采纳');
    expect(status.body).toContain('您的建议已采纳，大厅已增加座椅，谢谢。');
    const reg = await t.form('/admin/suggestions', { channel: 'complaint_window', content: '吐槽找茬：叫号屏幕看不清', receivedOn: '2025-06-09' }, { as: 'officer' });
    expect(reg.statusCode).toBe(303);
    const regBad = await t.form('/admin/suggestions', { channel: 'complaint_window', content: '', receivedOn: '2030-01-01' }, { as: 'officer' });
    expect(regBad.statusCode).toBe(400);
    expect(regBad.body).toContain('gk-error-summary');
  });
});
