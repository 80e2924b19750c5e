// Semantically invalid values are refused (400 problem+json with a Chinese field message) and never stored:
// impossible or implausible dates, 身份证号 with a wrong check digit or an impossible birth date, phone
// numbers of the wrong length, text that is only punctuation, a 补正 period beyond the agency's maximum, a fee
// notice for an absurd page count or on a fee-waiver request without a decision. Appeal dates against the
// decision they contest: tests/integration/applications.test.ts (复议/诉讼 cases).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';

const TODAY = '2026-03-10';
const NOW = new Date(`${TODAY}T02:00:00Z`);

const person = { type: 'natural_person', name: '孙八', idType: '居民身份证', idNumber: '370602199003071235', phone: '13800000008' };
const offline = (over: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) => ({
  applicant: { ...person, ...applicant }, content: '请公开本局2025年行政许可办理结果', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2026-03-02', ...over,
});
const draft = (over: Record<string, unknown> = {}) => ({ title: '关于公布行政许可事项办理结果的通知', kind: 'notice', category: 5, disclosure: 'proactive', body: '本机关依法公开行政许可办理结果。', ...over });

describe.each(engines())('invalid values are refused, never stored (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => NOW });
  });
  afterAll(async () => t?.close());

  const count = async (table: 'applications' | 'catalogue_items' | 'application_events' | 'application_fees') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  function expectRefused(r: { statusCode: number; headers: Record<string, unknown>; body: string }, field: string, fragment: string) {
    expect(r.statusCode, r.body).toBe(400);
    expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const p = JSON.parse(r.body) as { title: string; errors: { field: string; message: string }[] };
    expect(p.title).toMatch(/[\u4e00-\u9fff]/);
    const e = p.errors.find((x) => x.field === field);
    expect(e, `${field} in ${r.body}`).toBeDefined();
    expect(e!.message).toContain(fragment);
  }

  it('registerApplication: dates, 身份证号, phones and punctuation-only text', async () => {
    const before = await count('applications');
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string, string][] = [
      ['submittedOn 0000-01-01 (was a 500)', { submittedOn: '0000-01-01' }, {}, 'submittedOn', '不能早于 2008-05-01'],
      ['submittedOn 1960-01-01 (before the calendar: was a 500)', { submittedOn: '1960-01-01' }, {}, 'submittedOn', '不能早于 2008-05-01'],
      ['submittedOn before the 条例 came into force', { submittedOn: '2008-04-30' }, {}, 'submittedOn', '不能早于 2008-05-01'],
      ['submittedOn 2026-02-30', { submittedOn: '2026-02-30' }, {}, 'submittedOn', '不是日历上存在的日期'],
      ['submittedOn 9999-12-31', { submittedOn: '9999-12-31' }, {}, 'submittedOn', '不能晚于'],
      ['submittedOn tomorrow', { submittedOn: '2026-03-11' }, {}, 'submittedOn', '不能晚于今天'],
      ['身份证号 with a wrong check digit', {}, { idNumber: '370602199003071234' }, 'applicant.idNumber', '校验位'],
      ['身份证号 born in 2099', {}, { idNumber: '320102209912310010' }, 'applicant.idNumber', '出生日期“2099-12-31”不可能'],
      ['10-digit mobile', {}, { phone: '1380000000' }, 'applicant.phone', '手机号码应为11位（现为10位）'],
      ['12-digit mobile', {}, { phone: '138000000000' }, 'applicant.phone', '手机号码应为11位（现为12位）'],
      ['fixed line without area code', {}, { phone: '6666666' }, 'applicant.phone', '带区号的固定电话'],
      ['name of punctuation', {}, { name: '。。。' }, 'applicant.name', '不能只有标点符号'],
      ['content of punctuation', { content: '？？？？' }, {}, 'content', '至少要有2个文字或数字'],
    ];
    for (const [label, over, applicant, field, fragment] of cases) {
      const r = await t.api('POST', '/api/applications/offline', { as: 'officer', body: offline(over, applicant) });
      try {
        expectRefused(r, field, fragment);
      } catch (e) {
        throw new Error(`${label}: ${(e as Error).message}`);
      }
    }
    expect(await count('applications')).toBe(before);
    // the same values, valid: stored
    const ok = await t.api('POST', '/api/applications/offline', { as: 'officer', body: offline({}, { phone: '0535-6666666' }) });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('the public /apply form shows the checksum message in its error summary', async () => {
    const r = await t.api('POST', '/api/applications', { body: { agency: '12370602780795309E', ...offline({}, { idNumber: '370602199003071234' }), channel: undefined, submittedOn: undefined } });
    expectRefused(r, 'applicant.idNumber', '校验位');
  });

  it('requestCorrection: meaningful items and a period within the agency maximum (30 working days by default)', async () => {
    const reg = await t.api('POST', '/api/applications/offline', { as: 'officer', body: offline({ submittedOn: '2026-03-09' }) });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = (reg.json() as { id: number }).id;
    const version = async () => ((await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { version: number }).version;
    const events = async () => Number((await t.db.selectFrom('application_events').where('application_id', '=', id).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await events();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ items: ['。。。'], periodWorkdays: 15 }, 'items.0', '至少要有2个文字或数字'],
      [{ items: ['请写明文件名称', '——'], periodWorkdays: 15 }, 'items.1', '至少要有2个文字或数字'],
      [{ items: ['请写明文件名称'], periodWorkdays: 200 }, 'periodWorkdays', '不能超过120个工作日'],
      [{ items: ['请写明文件名称'], periodWorkdays: 31 }, 'periodWorkdays', '补正期限不能超过30个工作日'],
      [{ items: ['请写明文件名称'], periodWorkdays: 0 }, 'periodWorkdays', '至少为1个工作日'],
    ];
    for (const [body, field, fragment] of cases) {
      expectRefused(await t.api('POST', `/api/applications/${id}/correction-request`, { as: 'officer', body: { version: await version(), ...body } }), field, fragment);
    }
    expect(await events()).toBe(before);
    const ok = await t.api('POST', `/api/applications/${id}/correction-request`, { as: 'officer', body: { version: await version(), items: ['请写明所需文件的名称或者文号'], periodWorkdays: 30 } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('issueFeeNotice: pages bounded (10 000 by default), and a fee-waiver request needs the decision not to waive', async () => {
    const fees0 = await count('application_fees');
    const reg = await t.api('POST', '/api/applications/offline', { as: 'officer', body: offline({ submittedOn: '2026-03-09', feeWaiver: true }) });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = (reg.json() as { id: number }).id;
    const version = async () => ((await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { version: number }).version;
    expectRefused(await t.api('POST', `/api/applications/${id}/fee-notice`, { as: 'officer', body: { version: await version(), method: 'per_page', pages: 1_000_000 } }), 'pages', '不能超过100000页');
    expectRefused(await t.api('POST', `/api/applications/${id}/fee-notice`, { as: 'officer', body: { version: await version(), method: 'per_page', pages: 10_001, waiverRefusedReason: '数量明显超过合理范围' } }), 'pages', '超过了按量计收的上限10000页');
    expectRefused(await t.api('POST', `/api/applications/${id}/fee-notice`, { as: 'officer', body: { version: await version(), method: 'per_page', pages: 150 } }), 'waiverRefusedReason', '申请人申请了减免费用');
    expectRefused(await t.api('POST', `/api/applications/${id}/fee-notice`, { as: 'officer', body: { version: await version(), method: 'per_page', pages: 150, waiverRefusedReason: '。。' } }), 'waiverRefusedReason', '不能只有标点符号');
    expect(await count('application_fees')).toBe(fees0);
    const ok = await t.api('POST', `/api/applications/${id}/fee-notice`, { as: 'officer', body: { version: await version(), method: 'per_page', pages: 150, waiverRefusedReason: '申请人未提供经济困难的证明材料' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const fee = await t.db.selectFrom('application_fees').selectAll().where('application_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(fee.amount)).toBe(1700); // 109号 第五条: 70×10 + 50×20
  });

  it('catalogue drafts: 成文日期 and 形成日期 real, not in the future; a stored impossible date blocks publication', async () => {
    const before = await count('catalogue_items');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ formedOn: '2026-02-30' }, 'formedOn', '不是日历上存在的日期'],
      [{ madeOn: '2026-13-40' }, 'madeOn', '不是日历上存在的日期'],
      [{ madeOn: '9999-12-31' }, 'madeOn', '不能晚于'],
      [{ madeOn: '2026-03-11' }, 'madeOn', '不能晚于今天（2026-03-10）'],
      [{ formedOn: '1900-01-01' }, 'formedOn', '不能早于 1949-10-01'],
      [{ title: '……——' }, 'title', '至少要有2个文字或数字'],
    ];
    for (const [over, field, fragment] of cases) expectRefused(await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft(over) }), field, fragment);
    expect(await count('catalogue_items')).toBe(before);

    const c = await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft({ madeOn: '2026-03-02', formedOn: '2026-03-02' }) });
    expect(c.statusCode, c.body).toBe(201);
    const id = (c.json() as { id: number }).id;
    expectRefused(await t.api('PUT', `/api/catalogue/items/${id}`, { as: 'officer', body: draft({ madeOn: '2026-13-40', version: (c.json() as { version: number }).version }) }), 'madeOn', '不是日历上存在的日期');
    // a row written before dates were checked
    await t.db.updateTable('catalogue_versions').set({ made_on: '2026-13-40' }).where('item_id', '=', id).execute();
    for (const [as, body] of [['officer', { action: 'submit' }], ['reviewer', { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' }], ['leader', { action: 'approve' }]] as const) {
      const r = await t.api('POST', `/api/catalogue/items/${id}/actions`, { as, body });
      expect(r.statusCode, r.body).toBe(200);
    }
    expectRefused(await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'officer', body: { action: 'publish' } }), 'madeOn', '不是日历上存在的日期');
    const item = await t.db.selectFrom('catalogue_items').select(['public', 'published_version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(item.public)).toBe(0);
    expect(item.published_version).toBeNull();
  });

  it('decisions register: 决定日期 is a real date inside its year', async () => {
    const agencyId = Number((await t.db.selectFrom('agencies').select('id').where('credit_code', '=', '12370602780795309E').executeTakeFirstOrThrow()).id);
    const add = (decidedOn: string) => t.api('POST', `/api/agencies/${agencyId}/decisions`, { as: 'officer', body: { year: 2025, category: 'license', count: 3, decidedOn } });
    expectRefused(await add('2025-02-30'), 'decidedOn', '不是日历上存在的日期');
    expectRefused(await add('2025-13-01'), 'decidedOn', '不是日历上存在的日期');
    expectRefused(await add('2024-12-31'), 'decidedOn', '应在所填年度内');
    const ok = await add('2025-02-28');
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
