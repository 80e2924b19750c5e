// 好差评 end to end through the API on both engines: the 办件 register and the rating window (late ratings), once
// per 办件 and channel, bad input, the honeypot, the 差评 work order in the unit's queue through every step (实名
// visit rule, 限期整改 due date from the calendar, evidence, feedback seen by receipt code, supervisor close),
// 申诉复核, optimistic locking, personal data only for the handling unit, suggestions, and the yearly summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';

const CODE = '12370602780795309E';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe.each(engines())('好差评 and suggestions (%s)', (engine) => {
  let t: TestApp;
  let receipt = '';
  let orderId = 0;
  beforeAll(async () => {
    // “today” is 2025-06-10 (Tuesday) for the services
    t = await createTestApp(engine, { clock: () => new Date('2025-06-10T02:00:00Z') });
    for (const [caseNumber, concludedOn] of [['BJ20250603001', '2025-06-03'], ['BJ20250602001', '2025-06-02']] as const) {
      const r = await t.api('POST', '/api/evaluation-cases', { as: 'officer', body: { caseNumber, serviceItemCode: '370602-XK-001', concludedOn } });
      expect(r.statusCode, r.body).toBe(201);
    }
  }, 120_000);
  afterAll(() => t?.close());

  const rate = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/evaluations', payload: { agency: CODE, ...body } });

  it('registers a 办件 with the last day it may be rated (5 working days after its conclusion)', async () => {
    const r = await t.api('POST', '/api/evaluation-cases', { as: 'officer', body: { caseNumber: 'bj20250603002', concludedOn: '2025-06-03' } });
    expect(r.json()).toMatchObject({ caseNumber: 'BJ20250603002', lastRatingDay: '2025-06-10' });
  });

  it('a 差评 of a 办件 within the window → 201 with a receipt code; the same 办件 and channel again → 409; another channel → 201', async () => {
    const r = await rate({ level: 1, channel: 'qr', target: { type: 'case', ref: 'BJ20250603001' }, comment: '材料被退回三次，没有一次性告知', contact: { name: '张三', phone: '13800000001' } });
    expect(r.statusCode, r.body).toBe(201);
    receipt = r.json().receiptCode;
    expect(receipt).toMatch(/^PJ[A-Z2-9]{8}$/);
    const again = await rate({ level: 2, channel: 'qr', target: { type: 'case', ref: 'bj20250603001' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0]).toEqual({ field: 'target.ref', message: '该办件已通过此渠道评价过，每个办件每个渠道只能评价一次' });
    expect((await rate({ level: 5, channel: 'window_device', target: { type: 'case', ref: 'BJ20250603001' } })).statusCode).toBe(201);
  });

  it.each([
    [{ level: 4, channel: 'qr', target: { type: 'case', ref: 'BJ20250602001' } }, 'target.ref', '已超过评价期限：办件于 2025-06-02 办结，办结之日起5个工作日内（至 2025-06-09）可以评价'],
    [{ level: 4, channel: 'qr', target: { type: 'case', ref: 'NO-SUCH' } }, 'target.ref', '找不到办件编号“NO-SUCH”，请核对办件回执上的编号'],
    [{ level: 6, channel: 'qr', target: { type: 'agency' } }, 'level', '评价等级应为1至5（1＝非常不满意，5＝非常满意）'],
    [{ level: 3, channel: 'fax', target: { type: 'agency' } }, 'channel', undefined],
    [{ level: 3, channel: 'qr', target: { type: 'window' } }, 'target.ref', '请填写窗口的名称或编号'],
    [{ level: 3, channel: 'qr', target: { type: 'agency' }, contact: { name: '李四', phone: '123' } }, 'contact.phone', undefined],
    [{ level: 3, channel: 'qr', target: { type: 'agency' }, agency: 'ABC' }, 'agency', '统一社会信用代码应为18位数字或大写字母'],
  ])('bad input %j → 400 naming %s', async (body, field, message) => {
    const r = await rate(body);
    expect(r.statusCode, r.body).toBe(400);
    const errors = r.json().errors as { field: string; message: string }[];
    const e = errors.find((x) => x.field === field);
    expect(e, r.body).toBeDefined();
    if (message) expect(e!.message).toBe(message);
    expect(e!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the honeypot answers like a success and stores nothing', async () => {
    const before = (await t.db.selectFrom('evaluations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    const r = await rate({ level: 1, channel: 'qr', target: { type: 'agency' }, website: 'http://spam' });
    expect(r.statusCode).toBe(201);
    expect((await t.db.selectFrom('evaluations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n).toBe(before);
  });

  it('the 差评 opens a work order in the officer’s queue (kind bad_rating, 核实 due the next working day); the rater’s phone only for the handling unit', async () => {
    const work = (await t.api('GET', '/api/my-work?pageSize=200', { as: 'officer' })).json().items as { kind: string; ref: string; due: string; url: string; warning?: boolean }[];
    const item = work.find((w) => w.kind === 'bad_rating' && w.ref === receipt);
    expect(item).toMatchObject({ due: '2025-06-11', warning: true });
    orderId = Number(item!.url.split('/').pop());
    const mine = (await t.api('GET', `/api/evaluation-orders/${orderId}`, { as: 'officer' })).json();
    expect(mine).toMatchObject({ raterName: '张三', raterPhone: '13800000001', state: 'verifying', actions: ['logVisit', 'classify'] });
    const sup = (await t.api('GET', `/api/evaluation-orders/${orderId}`, { as: 'supervisor' })).json();
    expect(sup).toMatchObject({ raterName: '张*', raterPhone: '***', actions: [] });
    const stored = await t.db.selectFrom('evaluations').select(['rater_phone']).where('receipt_code', '=', receipt).executeTakeFirstOrThrow();
    expect(stored.rater_phone).toMatch(/^pd1:/);
  });

  it('walks the order: visit (实名 first) → 限期整改 (due 15 working days) → evidence → feedback → supervisor close; the rater sees the feedback', async () => {
    const v = () => t.db.selectFrom('evaluation_orders').select('version').where('id', '=', orderId).executeTakeFirstOrThrow().then((r) => r.version);
    const early = await t.api('POST', `/api/evaluation-orders/${orderId}/classification`, { as: 'officer', body: { version: await v(), classification: 'deadline', reason: '属实' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/实名差评必须先回访核实/);
    const visit = await t.api('POST', `/api/evaluation-orders/${orderId}/visits`, { as: 'officer', body: { version: await v(), visitedOn: '2025-06-10', visitor: '王经办', method: 'phone', said: '材料清单不清楚，跑了三趟' } });
    expect(visit.statusCode, visit.body).toBe(200);
    const stale = await t.api('POST', `/api/evaluation-orders/${orderId}/classification`, { as: 'officer', body: { version: 1, classification: 'deadline', reason: '属实' } });
    expect(stale.statusCode).toBe(409);
    const c = await t.api('POST', `/api/evaluation-orders/${orderId}/classification`, { as: 'officer', body: { version: await v(), classification: 'deadline', reason: '一次性告知制度落实不到位' } });
    expect(c.json()).toMatchObject({ state: 'rectifying', classificationLabel: '限期整改', due: '2025-07-01', overdue: false });
    expect((await t.api('POST', `/api/evaluation-orders/${orderId}/close`, { as: 'officer', body: { version: await v(), note: 'x' } })).statusCode).toBe(403);
    const bad = await t.api('POST', `/api/evaluation-orders/${orderId}/rectification`, { as: 'officer', body: { version: await v(), text: '修订材料清单', files: [{ filename: 'a.exe', contentBase64: Buffer.from('MZ not a picture').toString('base64') }] } });
    expect(bad.statusCode).toBe(400);
    const rect = await t.api('POST', `/api/evaluation-orders/${orderId}/rectification`, { as: 'officer', body: { version: await v(), text: '修订材料清单并在窗口公示', files: [{ filename: '公示照片.png', contentBase64: PNG }] } });
    expect(rect.json()).toMatchObject({ state: 'feedback', files: [{ filename: '公示照片.png', mime: 'image/png' }] });
    const fb = await t.api('POST', `/api/evaluation-orders/${orderId}/feedback`, { as: 'officer', body: { version: await v(), text: '已修订材料清单并在窗口公示，感谢监督' } });
    expect(fb.json().state).toBe('review');
    const supWork = (await t.api('GET', '/api/my-work?pageSize=200', { as: 'supervisor' })).json().items as { kind: string; ref: string }[];
    expect(supWork.some((w) => w.kind === 'bad_rating' && w.ref === receipt)).toBe(true);
    const close = await t.api('POST', `/api/evaluation-orders/${orderId}/close`, { as: 'supervisor', body: { version: await v(), note: '电话回访，评价人表示满意' } });
    expect(close.json()).toMatchObject({ state: 'closed', closedOn: '2025-06-10' });
    const status = await t.app.inject({ url: `/api/evaluations/status?code=${receipt.toLowerCase()}` });
    expect(status.json()).toMatchObject({ bad: true, order: { stateLabel: '已办结', classificationLabel: '限期整改', feedback: '已修订材料清单并在窗口公示，感谢监督', feedbackOn: '2025-06-10' } });
    expect(status.body).not.toContain('13800000001');
  });

  it('申诉复核: the supervisor decides; a rejected appeal cannot be filed again', async () => {
    const r = await rate({ level: 2, channel: 'online', target: { type: 'staff', ref: 'A0012' }, comment: '态度不好' });
    const ev = await t.db.selectFrom('evaluations').select('id').where('receipt_code', '=', r.json().receiptCode).executeTakeFirstOrThrow();
    const o = await t.db.selectFrom('evaluation_orders').select(['id', 'version']).where('evaluation_id', '=', ev.id).executeTakeFirstOrThrow();
    const a = await t.api('POST', `/api/evaluation-orders/${o.id}/classification`, { as: 'officer', body: { version: o.version, classification: 'appeal', reason: '当日该工号未上岗，疑似误评' } });
    expect(a.json()).toMatchObject({ state: 'appeal_review', due: null });
    expect((await t.api('POST', `/api/evaluation-orders/${o.id}/appeal-decision`, { as: 'officer', body: { version: a.json().version, upheld: false, reason: 'x' } })).statusCode).toBe(403);
    const d = await t.api('POST', `/api/evaluation-orders/${o.id}/appeal-decision`, { as: 'supervisor', body: { version: a.json().version, upheld: false, reason: '排班记录显示当日在岗' } });
    expect(d.json()).toMatchObject({ state: 'verifying', classification: null, due: '2025-06-11' });
    const again = await t.api('POST', `/api/evaluation-orders/${o.id}/classification`, { as: 'officer', body: { version: d.json().version, classification: 'appeal', reason: '再次申诉' } });
    expect(again.statusCode).toBe(409);
    const ex = await t.api('POST', `/api/evaluation-orders/${o.id}/classification`, { as: 'officer', body: { version: d.json().version, classification: 'explain', reason: '向评价人说明' } });
    expect(ex.json()).toMatchObject({ state: 'feedback', due: '2025-06-17' });
  });

  it('a suggestion from the public form goes to 采纳 and a reply the person reads by query code', async () => {
    const s = await t.app.inject({ method: 'POST', url: '/api/suggestions', payload: { agency: CODE, content: '吐槽找茬：停车位太少，建议开放机关内部停车场', contact: { name: '赵六', phone: '13900000000' } } });
    expect(s.statusCode, s.body).toBe(201);
    const code = s.json().queryCode as string;
    const row = await t.db.selectFrom('suggestions').select(['id', 'version', 'due_on']).where('query_code', '=', code).executeTakeFirstOrThrow();
    expect(row.due_on).toBe('2025-07-01');
    const early = await t.api('POST', `/api/suggestions/${row.id}/reply`, { as: 'officer', body: { version: row.version, text: '答复' } });
    expect(early.statusCode).toBe(409);
    const work = (await t.api('GET', '/api/my-work?pageSize=200', { as: 'officer' })).json().items as { kind: string; ref: string }[];
    expect(work.some((w) => w.kind === 'suggestion' && w.ref === code)).toBe(true);
    const h = await t.api('POST', `/api/suggestions/${row.id}/handling`, { as: 'officer', body: { version: row.version, result: 'adopted', text: '周末开放内部停车场' } });
    expect(h.json()).toMatchObject({ state: 'handled', resultLabel: '采纳', contactPhone: '13900000000' });
    const rep = await t.api('POST', `/api/suggestions/${row.id}/reply`, { as: 'officer', body: { version: h.json().version, text: '您的建议已采纳，自7月起周末开放内部停车场。' } });
    expect(rep.json().state).toBe('replied');
    const st = await t.app.inject({ url: `/api/suggestions/status?code=${code}` });
    expect(st.json()).toMatchObject({ stateLabel: '已答复', resultLabel: '采纳', reply: '您的建议已采纳，自7月起周末开放内部停车场。' });
    expect(st.body).not.toContain('13900000000');
    const sup = (await t.api('GET', `/api/suggestions/${row.id}`, { as: 'supervisor' })).json();
    expect(sup.contactPhone).toBe('***');
  });

  it('the year summary counts the records: ratings, visits, satisfaction, 差评 and their close, suggestions', async () => {
    const r = await t.app.inject({ url: `/api/agencies/${CODE}/evaluations/2025` });
    expect(r.statusCode, r.body).toBe(200);
    // ratings this test made: 1★ (case, qr), 5★ (case, window), 2★ (staff) — 1 of 3 satisfied
    expect(r.json()).toMatchObject({ ratings: 3, returnVisits: 1, satisfaction: 33.33, goodRate: 33.33, badRatings: 2, badRectified: 1, suggestions: { received: 1, adopted: 1, rectified: 0 } });
    const stats = await t.api('GET', '/api/evaluation-statistics?from=2025-01-01&to=2025-12-31', { as: 'officer' });
    expect(stats.json()).toMatchObject({ rectificationRate: 50, namedReturnVisitRate: 100, levels: { 1: 1, 2: 1, 3: 0, 4: 0, 5: 1 }, months: [{ month: '2025-06', n: 3, bad: 2 }] });
  });

  it('lists page; settings are the administrator’s', async () => {
    // the demo seed's 2019 year (6,857 ratings, 12 差评 orders, closed) is there too
    const l = await t.api('GET', '/api/evaluations?pageSize=2&page=1&from=2025-01-01', { as: 'officer' });
    expect(l.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(l.json().evaluations).toHaveLength(2);
    expect((await t.api('GET', '/api/evaluation-orders?state=all', { as: 'officer' })).json().total).toBe(2 + 12);
    expect((await t.api('PUT', '/api/evaluation-settings', { as: 'officer', body: { limitDeadline: 10 } })).statusCode).toBe(403);
    const bad = await t.api('PUT', '/api/evaluation-settings', { as: 'admin', body: { limitDeadline: 0 } });
    expect(bad.statusCode).toBe(400);
    const ok = await t.api('PUT', '/api/evaluation-settings', { as: 'admin', body: { limitDeadline: 10 } });
    expect(ok.json()).toMatchObject({ limitDeadline: 10, ratingWindowDays: 5 });
  });
});
