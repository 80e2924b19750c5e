// 依申请公开 over HTTP on a real database (SQLite; PostgreSQL when TEST_DATABASE_URL is set):
// public submission and status, the statutory rules (补正 once, extension once and only by a leader,
// consultation limit, fees for the 11th and 31st application, outcome required), agency scoping,
// bad input, optimistic locking, and the table 三 fold against the report engine's rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { DEMO_PASSWORD } from '../../src/features/demo/demo.data.ts';
import { emptyReport } from '../../src/core/report/fixture.ts';
import { checkReport } from '../../src/core/report/rules.ts';
import { shippedCalendar } from '../../src/core/calendar/index.ts';

const AGENCY = '12370602780795309E';
const citizen = {
  agency: AGENCY,
  applicant: { type: 'natural_person', name: '张三', idType: '居民身份证', idNumber: '370602199001011247', phone: '13800000000', address: '山东省烟台市芝罘区' },
  content: '请公开2019年行政许可办件数量', delivery: '电子邮件', email: 'a@example.com',
};

/** Shanghai 10:00 on a date. */
const at = (d: string) => new Date(`${d}T02:00:00Z`);

describe.each(engines())('applications (%s)', (engine) => {
  let t: TestApp;
  let now = at('2025-03-03');
  const cal = shippedCalendar();

  /** Sessions per user, renewed when the moving test clock has expired them (30 idle minutes). */
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  async function login(user: string, password: string) {
    const r = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: user, password } });
    expect(r.statusCode, r.body).toBe(200);
    const s = { cookie: `gk_session=${r.cookies.find((c) => c.name === 'gk_session')!.value}`, csrf: (r.json() as { csrfToken: string }).csrfToken };
    sessions.set(user, s);
    return s;
  }
  async function as(user: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    const send = (s: { cookie: string; csrf: string }) => t.app.inject({ method, url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, ...(body !== undefined ? { payload: body as object } : {}) });
    let res = await send(sessions.get(user) ?? (await login(user, password)));
    if (res.statusCode === 401) res = await send(await login(user, password));
    return res;
  }
  const day = (d: string) => { now = at(d); };
  async function act(user: string, id: number, path: string, body: Record<string, unknown>) {
    const cur = (await as(user, 'GET', `/api/applications/${id}`)).json() as { version: number };
    return as(user, 'POST', `/api/applications/${id}/${path}`, { version: cur.version, ...body });
  }
  async function registerFor(applicant: Record<string, unknown>, receivedOn: string, content = '请公开本局2024年度部门预算') {
    const r = await as('officer', 'POST', '/api/applications/offline', {
      applicant, content, provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: receivedOn,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: number; version: number; queryCode: string };
  }

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => now });
  });
  afterAll(async () => t?.close());

  it('a citizen applies online (201 with a query code); the status shows no personal data', async () => {
    day('2025-03-03');
    const r = await t.api('POST', '/api/applications', { body: citizen });
    expect(r.statusCode, r.body).toBe(201);
    const { queryCode, notice } = r.json() as { queryCode: string; notice: string };
    expect(queryCode).toMatch(/^GK[A-Z2-9]{10}$/);
    expect(notice).toContain('第三十一条');
    const s = await t.api('GET', `/api/applications/status?code=${queryCode}&phone=13800000000`);
    expect(s.statusCode).toBe(200);
    const body = s.json() as Record<string, unknown>;
    expect(body).toMatchObject({ queryCode, state: 'submitted', stateLabel: '待确认收到', receivedOn: null, letters: [] });
    for (const secret of ['张三', '370602199001011247', '13800000000', '山东省烟台市芝罘区', 'a@example.com', '行政许可办件数量']) expect(s.body).not.toContain(secret);
    expect(Object.keys(body).sort()).toEqual(['agencyName', 'concluded', 'dueDate', 'files', 'letters', 'outcomeLabel', 'provisional', 'queryCode', 'receivedOn', 'state', 'stateLabel', 'submittedOn']);
    // a wrong phone number answers exactly like an unknown code
    const wrong = await t.api('GET', `/api/applications/status?code=${queryCode}&phone=13900000000`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).not.toContain('张三');
  });

  it('bad and oversized input: 4xx with a Chinese message per field', async () => {
    const bad = await t.api('POST', '/api/applications', { body: { ...citizen, applicant: { ...citizen.applicant, name: '', phone: '12' }, content: '' } });
    expect(bad.statusCode).toBe(400);
    const p = bad.json() as { code: string; errors: { field: string; message: string }[] };
    expect(p.code).toBe('validation_failed');
    const fields = Object.fromEntries(p.errors.map((e) => [e.field, e.message]));
    expect(fields['applicant.name']).toBe('请填写申请人姓名或者名称');
    expect(fields['applicant.phone']).toContain('请填写正确的联系电话');
    expect(fields.content).toContain('请填写所需政府信息');
    const org = await t.api('POST', '/api/applications', { body: { ...citizen, applicant: { type: 'commercial', name: '某公司', creditCode: '91370602MA3C123456', phone: '13800000000' } } });
    expect(org.statusCode).toBe(400);
    const orgFields = (org.json() as { errors: { field: string; message: string }[] }).errors.map((e) => e.field);
    expect(orgFields).toEqual(expect.arrayContaining(['applicant.creditCode', 'applicant.contactPerson']));
    const long = await t.api('POST', '/api/applications', { body: { ...citizen, content: '长'.repeat(4001) } });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('不能超过4000个字');
    const huge = await t.api('POST', '/api/applications', { body: { ...citizen, content: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.statusCode).toBe(413);
    const noEmail = await t.api('POST', '/api/applications', { body: { ...citizen, email: undefined } });
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.body).toContain('请填写电子邮箱');
    // an attachment that is not a PDF/JPG/PNG by content, whatever its name says
    const fake = await t.api('POST', '/api/applications', { body: { ...citizen, attachments: [{ filename: 'id.pdf', contentBase64: Buffer.from('not a pdf at all').toString('base64') }] } });
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('不是 PDF、JPG 或 PNG 文件');
  });

  it('the honeypot field makes a bot believe it succeeded, and nothing is stored', async () => {
    const before = await t.db.selectFrom('applications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const r = await t.api('POST', '/api/applications', { body: { ...citizen, website: 'http://spam.example' } });
    expect(r.statusCode).toBe(201);
    const after = await t.db.selectFrom('applications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('the whole journey: receipt, 补正 once, consultation, extension by the leader once, 部分公开 after review, letters, status', async () => {
    day('2025-03-03');
    const sub = await t.api('POST', '/api/applications', { body: citizen });
    const code = (sub.json() as { queryCode: string }).queryCode;
    const row = await t.db.selectFrom('applications').select(['id']).where('query_code', '=', code).executeTakeFirstOrThrow();
    const id = row.id;
    day('2025-03-04');
    let r = await act('officer', id, 'confirm-receipt', {});
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as { application: { receivedOn: string } }).application.receivedOn).toBe('2025-03-04');
    r = await act('officer', id, 'correction-request', { items: ['请写明所需信息的文件名称或者文号', '请说明所需信息的时间范围'] });
    expect(r.statusCode, r.body).toBe(200);
    // 第三十条: one single notice
    r = await act('officer', id, 'correction-request', { items: ['再补一项'] });
    expect(r.statusCode).toBe(409);
    expect(r.body).toContain('补正告知只能发出一次');
    day('2025-03-07');
    r = await act('officer', id, 'correction', {});
    expect(r.statusCode, r.body).toBe(200);
    r = await act('officer', id, 'correction-request', { items: ['第二次补正'] });
    expect(r.statusCode).toBe(409);
    day('2025-03-10');
    r = await act('officer', id, 'consultations', { partyType: 'third_party', party: '烟台某某有限公司', matter: '申请公开的信息涉及贵公司的商业秘密' });
    expect(r.statusCode, r.body).toBe(200);
    day('2025-03-14');
    r = await act('officer', id, 'consultation-end', { opinion: 'object', note: '不同意公开报价部分' });
    expect(r.statusCode, r.body).toBe(200);
    const beforeExt = (await as('officer', 'GET', `/api/applications/${id}`)).json() as { clock: { dueDate: string; explanation: string[] } };
    // received corrected 03-07 → 20 working days from 03-10 … plus 4 paused working days (03-11..03-14)
    expect(beforeExt.clock.dueDate).toBe(cal.addWorkdays('2025-03-07', 24));
    expect(beforeExt.clock.explanation.join('\n')).toContain('第三十三条');
    r = await act('officer', id, 'extension-request', { days: 20, reason: '需要对大量材料进行区分处理' });
    expect(r.statusCode, r.body).toBe(200);
    // only a leader approves (第三十三条第二款)
    r = await act('officer', id, 'extension-approval', {});
    expect(r.statusCode).toBe(403);
    expect(r.body).toContain('负责人');
    r = await act('leader', id, 'extension-approval', { note: '同意' });
    expect(r.statusCode, r.body).toBe(200);
    const afterExt = (r.json() as { application: { dueDate: string } }).application;
    expect(afterExt.dueDate).toBe(cal.addWorkdays(beforeExt.clock.dueDate, 20));
    // once only
    r = await act('officer', id, 'extension-request', { days: 5, reason: '再延' });
    expect(r.statusCode).toBe(409);
    expect(r.body).toContain('只能延长一次');
    day('2025-04-15');
    // outcome required; reasons required for 部分公开
    r = await act('officer', id, 'reply', {});
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('请选择办理结果');
    r = await act('officer', id, 'reply', { outcome: 'partial' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('必须说明理由');
    r = await act('officer', id, 'reply', { outcome: 'partial', reasons: '报价部分属于第三方商业秘密，第三方不同意公开（条例第十五条、第三十二条）。' });
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as { application: { state: string } }).application.state).toBe('under_review');
    // the officer cannot approve; the reviewer can
    r = await act('officer', id, 'reply-approval', {});
    expect(r.statusCode).toBe(403);
    day('2025-04-16');
    r = await act('reviewer', id, 'reply-approval', { note: '同意' });
    expect(r.statusCode, r.body).toBe(200);
    const issued = (r.json() as { application: { state: string; outcome: string; letters: { id: number; kind: string; body: string }[] } }).application;
    expect(issued.state).toBe('issued');
    expect(issued.outcome).toBe('partial');
    expect(issued.letters.map((l) => l.kind)).toEqual(['receipt', 'correction_notice', 'consultation_letter', 'extension_notice', 'reply_partial']);
    const reply = issued.letters.find((l) => l.kind === 'reply_partial')!;
    expect(reply.body).toContain('第三十七条');
    expect(reply.body).toContain('六十日内向芝罘区人民政府申请行政复议');
    expect(reply.body).toContain('六个月内');
    expect(reply.body).not.toContain('【');
    const correction = issued.letters.find((l) => l.kind === 'correction_notice')!;
    expect(correction.body).toContain('1. 请写明所需信息的文件名称或者文号\n2. 请说明所需信息的时间范围');
    const docx = await as('officer', 'GET', `/api/applications/${id}/letters/${reply.id}.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await as('officer', 'GET', `/api/applications/${id}/letters/${reply.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // file names carry the case's code (its 查询码) and the kind of letter, in filename* (RFC 8187) with an ASCII fallback
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${code}-reply_partial.pdf"; filename*=UTF-8''${encodeURIComponent(`${code}-答复书（部分公开）.pdf`)}`);
    expect(docx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${code}-答复书（部分公开）.docx`)}`);
    const page = await as('officer', 'GET', `/admin/applications/${id}/letters/${correction.id}.pdf`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-disposition']).toBe(`attachment; filename="${code}-correction_notice.pdf"; filename*=UTF-8''${encodeURIComponent(`${code}-补正告知书.pdf`)}`);
    day('2025-04-17');
    r = await act('officer', id, 'delivery', { method: '电子邮件' });
    expect(r.statusCode, r.body).toBe(200);
    r = await act('officer', id, 'close', {});
    expect(r.statusCode, r.body).toBe(200);
    const s = await t.api('GET', `/api/applications/status?code=${code}&phone=138-0000-0000`);
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ state: 'closed', concluded: true, outcomeLabel: '部分公开', receivedOn: '2025-03-04' });
    expect((s.json() as { letters: unknown[] }).letters).toHaveLength(5);
    // every action wrote an audit event and a ledger entry
    const audits = await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'application').where('entity_id', '=', String(id)).execute();
    expect(audits.map((a) => a.action)).toContain('application.approveExtension');
    const ledger = await t.db.selectFrom('application_events').select(['seq', 'kind']).where('application_id', '=', id).orderBy('seq').execute();
    expect(ledger.map((e) => e.kind)).toEqual(['submitted', 'receipt_confirmed', 'correction_requested', 'correction_received', 'consultation_started', 'consultation_ended',
      'extension_requested', 'extension_approved', 'reply_drafted', 'reply_approved', 'delivered', 'closed']);
    // the mail outbox holds the notifications (no SMTP configured)
    const mails = await t.db.selectFrom('mail_outbox').select(['reason', 'to_address']).where('application_id', '=', id).orderBy('id').execute();
    expect(mails.map((m) => m.reason)).toEqual(['receipt', 'correction', 'extension', 'reply']);
    const tracked = await t.db.selectFrom('deadlines').select(['open', 'status']).where('entity', '=', 'application').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(tracked).toEqual({ open: 0, status: 'closed' });
  });

  it('consultation limit: at most 15 working days are not counted (第三十二条、第三十三条第三款)', async () => {
    day('2025-05-06');
    const a = await registerFor(citizen.applicant, '2025-05-06', '请公开某项目环评批复');
    day('2025-05-07');
    let r = await act('officer', a.id, 'consultations', { partyType: 'third_party', party: '某公司', matter: '涉及商业秘密' });
    expect(r.statusCode, r.body).toBe(200);
    const cap = cal.addWorkdays('2025-05-07', 15);
    day('2025-06-20');
    r = await act('officer', a.id, 'consultation-end', { opinion: 'agree', answeredOn: '2025-06-20' });
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as { warnings: string[] }).warnings.join()).toContain('超出的时间计入答复期限');
    const d = (await as('officer', 'GET', `/api/applications/${a.id}`)).json() as { dueDate: string };
    expect(d.dueDate).toBe(cal.addWorkdays('2025-05-06', 20 + cal.workdaysBetween('2025-05-07', cap)));
    expect(cal.workdaysBetween('2025-05-07', cap)).toBe(15);
    // the open clock lives in the deadlines feature's table (recomputed there when the calendar changes)
    const tracked = await t.db.selectFrom('deadlines').select(['due', 'open', 'kind']).where('entity', '=', 'application').where('entity_id', '=', String(a.id)).executeTakeFirstOrThrow();
    expect(tracked).toEqual({ due: d.dueDate, open: 1, kind: 'reply' });
  });

  it('fees per 109号: the 11th application of a month costs 100 元, the 31st 200 元; the 5th is free', async () => {
    day('2025-07-31');
    const person = { type: 'natural_person', name: '李四', idType: '居民身份证', idNumber: '11010519491231002X', phone: '13900000001' };
    const ids: number[] = [];
    for (let i = 1; i <= 31; i++) ids.push((await registerFor(person, `2025-07-${String(Math.min(i, 31)).padStart(2, '0')}`, `请公开第${i}号文件`)).id);
    let r = await act('officer', ids[4]!, 'fee-notice', { method: 'per_item' });
    expect(r.statusCode).toBe(409);
    expect(r.body).toContain('免费');
    r = await act('officer', ids[10]!, 'fee-notice', { method: 'per_item' });
    expect(r.statusCode, r.body).toBe(200);
    const eleventh = (r.json() as { application: { fee: { amount: number; explanation: string }; state: string; letters: { kind: string; body: string }[] } }).application;
    expect(eleventh.fee.amount).toBe(100);
    expect(eleventh.fee.explanation).toContain('第11件');
    expect(eleventh.state).toBe('fee_pending');
    expect(eleventh.letters.find((l) => l.kind === 'fee_notice')!.body).toContain('应缴金额：100元');
    r = await act('officer', ids[30]!, 'fee-notice', { method: 'per_item' });
    expect((r.json() as { application: { fee: { amount: number } } }).application.fee.amount).toBe(200);
    // one method, one notice per application
    r = await act('officer', ids[30]!, 'fee-notice', { method: 'per_page', pages: 40 });
    expect(r.statusCode).toBe(409);
    r = await act('officer', ids[10]!, 'payment', {});
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as { application: { state: string; fee: { paidOn: string } } }).application).toMatchObject({ state: 'received', fee: { paidOn: '2025-07-31' } });
    // the unusual volume is a hint to the officer (第三十五条), not a decision
    const d = (await as('officer', 'GET', `/api/applications/${ids[30]}`)).json() as { hints: { kind: string; basis: string }[] };
    expect(d.hints).toEqual([expect.objectContaining({ kind: 'volume', basis: '条例第三十五条' })]);
  });

  it('outcome required to close; close only after delivery', async () => {
    day('2025-08-04');
    const a = await registerFor(citizen.applicant, '2025-08-04', '请公开某某文件');
    let r = await act('officer', a.id, 'close', {});
    expect(r.statusCode).toBe(409);
    r = await as('officer', 'POST', `/api/applications/${a.id}/reply`, { version: a.version, outcome: 'no_such_outcome' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('请选择办理结果');
  });

  it('optimistic locking: the second officer acting on a stale version gets 409 and nothing is overwritten', async () => {
    day('2025-08-05');
    const a = await registerFor(citizen.applicant, '2025-08-05', '请公开某某规划');
    const first = await as('officer', 'POST', `/api/applications/${a.id}/extension-request`, { version: a.version, days: 10, reason: '材料较多' });
    expect(first.statusCode, first.body).toBe(200);
    const second = await as('leader', 'POST', `/api/applications/${a.id}/consultations`, { version: a.version, partyType: 'third_party', party: '某公司', matter: '涉及' });
    expect(second.statusCode).toBe(409);
    expect((second.json() as { detail: string }).detail).toContain('已被他人修改');
    const d = (await as('officer', 'GET', `/api/applications/${a.id}`)).json() as { state: string; version: number; ledger: { kind: string }[] };
    expect(d.state).toBe('received');
    expect(d.version).toBe(a.version + 1);
    expect(d.ledger.map((e) => e.kind)).toEqual(['registered', 'extension_requested']);
  });

  it('agency scoping: another agency\'s application answers 404', async () => {
    const gov = await buildAgency(t.db, { name: '另区人民政府', kind: 'government' });
    const dept = await buildAgency(t.db, { name: '另区审批局', parent_id: gov.id });
    await buildUser(t.db, { username: 'officer-x', agency_id: dept.id, role: 'officer' });
    day('2025-08-06');
    const a = await registerFor(citizen.applicant, '2025-08-06', '请公开某某事项');
    const get = await as('officer-x', 'GET', `/api/applications/${a.id}`, undefined, TEST_PASSWORD);
    expect(get.statusCode).toBe(404);
    const post = await as('officer-x', 'POST', `/api/applications/${a.id}/extension-request`, { version: a.version, days: 5, reason: 'x' }, TEST_PASSWORD);
    expect(post.statusCode).toBe(404);
    const list = (await as('officer-x', 'GET', '/api/applications', undefined, TEST_PASSWORD)).json() as { applications: unknown[] };
    expect(list.applications).toEqual([]);
  });

  it('templates are versioned and their placeholders validated before saving', async () => {
    let r = await as('leader', 'PUT', '/api/letter-templates/correction_notice', { title: '补正告知书', body: '{{申请人}}：请补正{{补正事项}}，期限{{补正期限}}。{{申请人电话}}' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('未知的占位符：{{申请人电话}}');
    r = await as('officer', 'PUT', '/api/letter-templates/correction_notice', { title: '补正告知书', body: '{{申请人}}：请补正{{补正事项}}，期限{{补正期限}}。' });
    expect(r.statusCode).toBe(403);
    r = await as('leader', 'PUT', '/api/letter-templates/correction_notice', { title: '补正告知书（本局）', body: '{{申请人}}：\n\n请补正：\n{{补正事项}}\n\n期限至{{补正期限}}。' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ version: 1 });
    day('2025-08-07');
    const a = await registerFor(citizen.applicant, '2025-08-07', '请公开');
    r = await act('officer', a.id, 'correction-request', { items: ['写明文号'] });
    const letter = (r.json() as { application: { letters: { kind: string; title: string; body: string; templateVersion: number }[] } }).application.letters.find((l) => l.kind === 'correction_notice')!;
    expect(letter).toMatchObject({ title: '补正告知书（本局）', templateVersion: 1 });
    expect(letter.body).toContain('请补正：\n1. 写明文号');
  });

  it('the applications of a year, folded by outcome and applicant category, give table 三 as the report model expects', async () => {
    // a separate agency so earlier tests do not mix in
    const gov = await buildAgency(t.db, { name: '统计测试区政府', kind: 'government' });
    const dept = await buildAgency(t.db, { name: '统计测试局', parent_id: gov.id, review_body_name: '统计测试区人民政府' });
    await buildUser(t.db, { username: 'officer-s', agency_id: dept.id, role: 'officer' });
    await buildUser(t.db, { username: 'reviewer-s', agency_id: dept.id, role: 'reviewer' });
    const reg = async (applicant: Record<string, unknown>, on: string) => {
      day(on);
      const r = await as('officer-s', 'POST', '/api/applications/offline', { applicant, content: `申请${on}`, provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: on }, TEST_PASSWORD);
      expect(r.statusCode, r.body).toBe(201);
      return (r.json() as { id: number }).id;
    };
    const answer = async (id: number, outcome: string, on: string) => {
      day(on);
      let cur = (await as('officer-s', 'GET', `/api/applications/${id}`, undefined, TEST_PASSWORD)).json() as { version: number };
      let r = await as('officer-s', 'POST', `/api/applications/${id}/reply`, { version: cur.version, outcome, reasons: '理由' }, TEST_PASSWORD);
      expect(r.statusCode, r.body).toBe(200);
      cur = (r.json() as { application: { version: number } }).application;
      r = await as('reviewer-s', 'POST', `/api/applications/${id}/reply-approval`, { version: cur.version }, TEST_PASSWORD);
      expect(r.statusCode, r.body).toBe(200);
    };
    const company = { type: 'commercial', name: '烟台某贸易有限公司', creditCode: '91110000600037341L', contactPerson: '赵六', phone: '0535-6666666' };
    const lawyer = { type: 'legal_service', name: '某律师事务所', creditCode: '12370602780795309E', contactPerson: '钱七', phone: '0535-7777777' };
    const p = citizen.applicant;
    const carried = await reg(p, '2024-12-20'); // received 2024, answered 2025
    const a1 = await reg(company, '2025-09-01');
    const a2 = await reg(p, '2025-09-02');
    const a3 = await reg(lawyer, '2025-09-03');
    await reg(p, '2025-12-30'); // still open at year end → 结转
    await answer(carried, 'disclose', '2025-01-06');
    await answer(a1, 'disclose', '2025-09-10');
    await answer(a2, 'partial', '2025-09-11');
    await answer(a3, 'unavailable_not_held', '2025-09-12');
    day('2026-01-05');
    const res = await as('officer-s', 'GET', `/api/applications/table3?year=2025&format=2021&agencyId=${dept.id}`, undefined, TEST_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const { table } = res.json() as { table: { columns: string[]; rows: Record<string, number[]> } };
    expect(table.columns).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(table.rows['一、本年新收政府信息公开申请数量']).toEqual([2, 1, 0, 0, 1, 0, 4]);
    expect(table.rows['二、上年结转政府信息公开申请数量']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(table.rows['（一）予以公开']).toEqual([1, 1, 0, 0, 0, 0, 2]);
    expect(table.rows['（二）部分公开']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(table.rows['（四）无法提供/1.本机关不掌握相关政府信息']).toEqual([0, 0, 0, 0, 1, 0, 1]);
    expect(table.rows['（七）总计']).toEqual([2, 1, 0, 0, 1, 0, 4]);
    expect(table.rows['四、结转下年度继续办理']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    const model = { ...emptyReport('2021', { agency: '统计测试局', year: 2025 }), table3: table };
    const errors = checkReport(model).filter((f) => ['E1', 'I1', 'I2'].includes(f.rule));
    expect(errors).toEqual([]);
    // 结转: the open application is marked (idempotent)
    const lead = await buildUser(t.db, { username: 'leader-s', agency_id: dept.id, role: 'leader' });
    void lead;
    const c1 = await as('leader-s', 'POST', '/api/applications/carry-over', { year: 2025 }, TEST_PASSWORD);
    expect(c1.json()).toEqual({ carried: 1 });
    const c2 = await as('leader-s', 'POST', '/api/applications/carry-over', { year: 2025 }, TEST_PASSWORD);
    expect(c2.json()).toEqual({ carried: 0 });
  });

  it('复议/诉讼 cases: create, update with optimistic locking, table 四', async () => {
    day('2025-09-01');
    const a = await registerFor(citizen.applicant, '2025-09-01', '请公开');
    // an appeal needs a decision to contest (条例 第五十一条): not while the application is open
    let r = await as('officer', 'POST', '/api/appeals', { applicationId: a.id, kind: 'review', filedOn: '2025-09-01', bodyName: '芝罘区人民政府' });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'applicationId' });
    day('2025-09-10');
    expect((await act('officer', a.id, 'reply', { outcome: 'disclose' })).statusCode).toBe(200);
    expect((await act('reviewer', a.id, 'reply-approval', {})).statusCode).toBe(200);
    day('2025-09-15');
    // filed before the decision (2025-09-10), filed in the future, impossible dates: refused, nothing stored
    for (const [filedOn, fragment] of [['2025-09-09', '不能早于关联申请的答复日期（2025-09-10）'], ['2025-09-16', '不能晚于今天（2025-09-15）'], ['2026-13-40', '不是日历上存在的日期'], ['0000-01-01', '不能早于 2008-05-01'], ['1960-01-01', '不能早于 2008-05-01']] as const) {
      r = await as('officer', 'POST', '/api/appeals', { applicationId: a.id, kind: 'review', filedOn, bodyName: '芝罘区人民政府' });
      expect(r.statusCode, filedOn).toBe(400);
      expect(r.body).toContain(fragment);
    }
    r = await as('officer', 'POST', '/api/appeals', { applicationId: a.id, kind: 'review', filedOn: '2025-09-15', result: 'upheld', closedOn: '2026-13-40' });
    expect(r.statusCode).toBe(400);
    expect((await as('officer', 'GET', `/api/appeals?applicationId=${a.id}`)).json().cases).toEqual([]);
    r = await as('officer', 'POST', '/api/appeals', { applicationId: a.id, kind: 'review', filedOn: '2025-09-15', bodyName: '芝罘区人民政府' });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json() as { id: number; version: number; result: string };
    expect(c.result).toBe('pending');
    r = await as('officer', 'PATCH', `/api/appeals/${c.id}`, { version: c.version, result: 'upheld' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('请填写审结日期');
    // closed before it was filed, or in the future: refused
    r = await as('officer', 'PATCH', `/api/appeals/${c.id}`, { version: c.version, result: 'upheld', closedOn: '2025-09-14' });
    expect(r.statusCode).toBe(400);
    r = await as('officer', 'PATCH', `/api/appeals/${c.id}`, { version: c.version, result: 'upheld', closedOn: '2025-11-01' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('不能晚于今天（2025-09-15）');
    day('2025-11-02');
    r = await as('officer', 'PATCH', `/api/appeals/${c.id}`, { version: c.version, result: 'upheld', closedOn: '2025-11-01' });
    expect(r.statusCode, r.body).toBe(200);
    r = await as('officer', 'PATCH', `/api/appeals/${c.id}`, { version: c.version, result: 'corrected', closedOn: '2025-11-01' });
    expect(r.statusCode).toBe(409);
    r = await as('officer', 'GET', '/api/appeals/table4?year=2025');
    expect((r.json() as Record<string, Record<string, number>>)['行政复议']).toMatchObject({ 结果维持: 1, 总计: 1 });
  });

  it('the OpenAPI document lists every required operationId', async () => {
    const r = await t.api('GET', '/api/openapi.json');
    const ids = new Set<string>();
    for (const p of Object.values((r.json() as { paths: Record<string, Record<string, { operationId?: string }>> }).paths)) for (const op of Object.values(p)) if (op.operationId) ids.add(op.operationId);
    for (const id of ['submitApplication', 'getApplicationStatus', 'registerApplication', 'confirmReceipt', 'requestCorrection', 'recordCorrection', 'startConsultation',
      'endConsultation', 'requestExtension', 'approveExtension', 'issueFeeNotice', 'recordPayment', 'replyToApplication', 'recordDelivery', 'createAppealCase', 'updateAppealCase']) {
      expect(ids, id).toContain(id);
    }
  });
});
