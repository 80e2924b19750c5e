// 条例 第二十六条 clock of catalogue items through the deadlines feature: tracked on draft, recomputed when the
// calendar changes, closed on publication; shown on the 工作台 (dashboard card) and the catalogue list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';

// 2026-03-10 10:00 in Asia/Shanghai
const NOW = new Date('2026-03-10T02:00:00Z');

describe.each(engines())('catalogue 第二十六条 clock (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => NOW });
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const clockRow = (id: number) => t.services.deadlines.get(t.db, 'catalogue_item', id, 'proactive_publish');

  it('is tracked from the 形成日期, moves when a day becomes a holiday, and closes on publication', async () => {
    const c = await t.api('POST', '/api/catalogue/items', { as: 'officer', body: { title: '关于调整政务服务中心窗口办理时间的公告', kind: 'notice', category: 15, disclosure: 'proactive', formedOn: '2026-03-02', body: '自即日起调整。' } });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as number;
    const indexNo = c.json().indexNo as string;
    // 2026-03-02 + 20 working days (次日起算) = 2026-03-30
    expect(await clockRow(id)).toMatchObject({ due: '2026-03-30', open: true, agencyId: expect.any(Number) });

    // the dashboard card counts it and names the most urgent item
    const dash = await t.api('GET', '/admin', { as: 'officer' });
    expect(dash.statusCode).toBe(200);
    expect(dash.body).toContain('待公开信息（第二十六条 20个工作日）');
    expect(dash.body).toContain(indexNo);

    // the administrator makes 2026-03-16 a day off: the open clock moves one working day
    const edit = await t.api('POST', '/api/calendar/days', { as: 'admin', body: { date: '2026-03-16', workday: false, reason: '测试：临时放假' } });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await clockRow(id)).toMatchObject({ due: '2026-03-31', open: true });
    // the dashboard reads the moved date (the most urgent open clock: formed first)
    expect((await t.api('GET', '/admin', { as: 'officer' })).body).toContain(`${indexNo}（2026-03-31 到期）`);

    for (const [as, body] of [
      ['officer', { action: 'submit' }],
      ['reviewer', { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' }],
      ['leader', { action: 'approve' }],
      ['officer', { action: 'publish' }],
    ] as const) {
      expect((await t.api('POST', `/api/catalogue/items/${id}/actions`, { as, body })).statusCode).toBe(200);
    }
    expect(await clockRow(id)).toMatchObject({ open: false, status: 'closed' });
    expect((await t.api('GET', '/admin', { as: 'officer' })).body).not.toContain(indexNo);

    // a revision is a 变更: a new clock from the revision date (2026-03-10 → 2026-04-08 with 03-16 off)
    expect((await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'officer', body: { action: 'revise' } })).statusCode).toBe(200);
    expect(await clockRow(id)).toMatchObject({ open: true });
  });

  it('is not tracked for 依申请公开 items, and closes when a draft is deleted', async () => {
    const c = await t.api('POST', '/api/catalogue/items', { as: 'officer', body: { title: '内部工作记录', kind: 'other_document', category: 15, disclosure: 'on_request', formedOn: '2026-03-02', body: '记录' } });
    expect(c.statusCode, c.body).toBe(201);
    expect(await clockRow(c.json().id)).toBeNull();
    const d = await t.api('POST', '/api/catalogue/items', { as: 'officer', body: { title: '拟删除的草稿', kind: 'notice', category: 15, disclosure: 'proactive', formedOn: '2026-03-03', body: '草稿' } });
    const id = d.json().id as number;
    expect(await clockRow(id)).toMatchObject({ open: true });
    expect((await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'officer', body: { action: 'delete' } })).statusCode).toBe(200);
    expect(await clockRow(id)).toMatchObject({ open: false });
  });
});
