// 依申请公开 pages: the public form (multipart, errors next to fields, nothing typed lost, honeypot),
// receipt and status pages, and the back office (list, CSV with personal data only for those allowed,
// case page offering only the allowed actions, action forms, templates, outbox).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';

function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; data: Buffer }[] = []) {
  const boundary = '----gongkaitest7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// A minimal valid PNG (1×1).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const person = {
  type: 'natural_person', name: '王五', idType: '居民身份证', idNumber: '370602198001012341', phone: '13700000000',
  email: 'w@example.com', address: '烟台市芝罘区某路1号', content: '请公开2024年本局行政许可办件统计', provideForm: '电子邮件', obtainMethod: '电子邮件',
};

describe.each(engines())('applications pages (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine); });
  afterAll(async () => t?.close());

  it('GET /apply shows the form with the 第二十九条 fields and a honeypot', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/apply' });
    expect(r.statusCode).toBe(200);
    for (const name of ['type', 'name', 'idType', 'idNumber', 'creditCode', 'contactPerson', 'phone', 'email', 'address', 'content', 'provideForm', 'obtainMethod', 'attachments', 'website']) {
      expect(r.body, name).toContain(`name="${name}"`);
    }
  });

  it('labels and rules agree: every field marked 选填 may be left empty, every other field is required (公民 and 法人)', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/apply' });
    // field name → its label text (label or legend), from the rendered form
    const labels = new Map<string, string>();
    for (const m of r.body.matchAll(/<label class="gk-label" for="field-(\w+)">(.*?)<\/label>/g)) labels.set(m[1]!, m[2]!.replace(/<[^>]+>/g, ''));
    for (const m of r.body.matchAll(/<legend class="gk-fieldset__legend">(.*?)<\/legend>[\s\S]*?name="(\w+)"/g)) if (!labels.has(m[2]!)) labels.set(m[2]!, m[1]!.replace(/<[^>]+>/g, ''));
    expect(labels.get('idNumber')).toBe('证件号码（公民必填）');
    expect(labels.get('attachments')).toBe('身份证明文件（选填）');
    expect(r.body).not.toContain('可选');
    expect(r.body).toContain('标有“选填”的项目可以不填');
    const company = { type: 'commercial', name: '烟台某某有限公司', creditCode: '91110000600037341L', contactPerson: '赵敏', phone: '0535-6211001', content: '请公开本局2024年行政许可办件统计', provideForm: '纸质', obtainMethod: '自行领取' };
    const citizen = { type: 'natural_person', name: '王五', idType: '居民身份证', idNumber: '370602198001012341', phone: '13700000000', content: '请公开本局2024年行政许可办件统计', provideForm: '纸质', obtainMethod: '自行领取' };
    for (const [kind, valid, other] of [['公民', citizen, '法人或者其他组织必填'], ['法人', company, '公民必填']] as const) {
      const optional = [...labels].filter(([, l]) => l.endsWith('（选填）') || l.includes(other)).map(([n]) => n);
      const required = [...labels].filter(([n, l]) => !optional.includes(n) && !l.endsWith('（选填）') && n !== 'type').map(([n]) => n);
      expect(optional.length, kind).toBeGreaterThan(3);
      // the valid application fills exactly the required fields
      expect(Object.keys(valid).filter((k) => k !== 'type').sort(), kind).toEqual(required.sort());
      const ok = await t.app.inject({ method: 'POST', url: '/apply', ...multipart(valid) });
      expect(ok.statusCode, `${kind}: ${ok.body.match(/gk-error-summary[\s\S]{0,600}/)?.[0] ?? ''}`).toBe(201);
      for (const f of required) {
        const without = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== f));
        const bad = await t.app.inject({ method: 'POST', url: '/apply', ...multipart(without) });
        expect(bad.statusCode, `${kind} without ${f}`).toBe(400);
        expect(bad.body, `${kind} without ${f}`).toContain(`id="field-${f}-error"`);
      }
    }
  });

  it('an empty phone gives one message; the 4000-character description states its limit and is enforced by the server', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/apply', ...multipart({ ...person, phone: '' }) });
    expect(r.statusCode).toBe(400);
    const summary = /<ul class="gk-error-summary__list">([\s\S]*?)<\/ul>/.exec(r.body)![1]!;
    expect([...summary.matchAll(/href="#field-phone"/g)]).toHaveLength(1);
    expect(summary).toContain('请填写联系电话');
    const form = await t.app.inject({ method: 'GET', url: '/apply' });
    // the count names its box; the box has no maxlength (a long paste is not cut off silently)
    expect(form.body).toMatch(/<textarea[^>]*id="field-content"[^>]*aria-describedby="field-content-hint field-content-count"[^>]*data-gk-count-max="4000"/);
    expect(form.body).not.toMatch(/<textarea[^>]*id="field-content"[^>]*maxLength/i);
    expect(form.body).toMatch(/id="field-content-count"[^>]*>最多可以输入 4000 个字</);
    for (const [len, status] of [[4000, 201], [4001, 400]] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/apply', ...multipart({ ...person, content: `请公开${'统'.repeat(len - 3)}` }) });
      expect(res.statusCode, String(len)).toBe(status);
      if (status === 400) expect(res.body).toMatch(/id="field-content-error"[^>]*>.*不能超过4000个字/s);
    }
  });

  it('errors are shown next to each field and nothing typed is lost', async () => {
    const m = multipart({ ...person, phone: 'abc', content: '' });
    const r = await t.app.inject({ method: 'POST', url: '/apply', ...m });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('gk-error-summary');
    expect(r.body).toMatch(/id="field-phone-error"[^>]*>.*请填写正确的联系电话/s);
    expect(r.body).toMatch(/id="field-content-error"/);
    expect(r.body).toContain('value="王五"');
    expect(r.body).toContain('value="370602198001012341"');
    expect(r.body).toContain('value="烟台市芝罘区某路1号"');
  });

  it('a 身份证号 with a wrong check digit, a 10-digit phone and a name of punctuation: the summary names each', async () => {
    const m = multipart({ ...person, idNumber: '370602198001012345', phone: '1370000000', name: '。。。' });
    const r = await t.app.inject({ method: 'POST', url: '/apply', ...m });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('gk-error-summary');
    expect(r.body).toMatch(/id="field-idNumber-error"[^>]*>.*校验位（第18位）不正确/s);
    expect(r.body).toMatch(/id="field-phone-error"[^>]*>.*手机号码应为11位（现为10位）/s);
    expect(r.body).toMatch(/id="field-name-error"[^>]*>.*不能只有标点符号/s);
    expect(r.body).toContain('value="370602198001012345"');
  });

  it('an attachment is checked by content: a renamed text file is refused next to the field', async () => {
    const m = multipart(person, [{ name: 'attachments', filename: 'id.png', type: 'image/png', data: Buffer.from('hello, not an image') }]);
    const r = await t.app.inject({ method: 'POST', url: '/apply', ...m });
    expect(r.statusCode).toBe(400);
    expect(r.body).toMatch(/id="field-attachments-error"[^>]*>.*不是 PDF、JPG 或 PNG 文件/s);
    expect(r.body).toContain('value="王五"');
  });

  it('a valid application gives the receipt page with the query code and the 第三十一条 sentence; the status page finds it', async () => {
    const m = multipart(person, [{ name: 'attachments', filename: '身份证.png', type: 'image/png', data: PNG }]);
    const r = await t.app.inject({ method: 'POST', url: '/apply', ...m });
    expect(r.statusCode, r.body.slice(0, 500)).toBe(201);
    const code = /data-testid="query-code">(GK[A-Z2-9]{10})</.exec(r.body)?.[1];
    expect(code).toBeDefined();
    expect(r.body).toContain('以双方确认之日为收到申请之日');
    const att = await t.db.selectFrom('application_attachments').innerJoin('applications', 'applications.id', 'application_attachments.application_id')
      .select(['application_attachments.mime', 'application_attachments.filename']).where('applications.query_code', '=', code!).execute();
    expect(att).toEqual([{ mime: 'image/png', filename: '身份证.png' }]);
    const s = await t.app.inject({ method: 'POST', url: '/apply/status', payload: new URLSearchParams({ code: code!, phone: '13700000000' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(s.statusCode).toBe(200);
    expect(s.body).toContain('待确认收到');
    for (const secret of ['王五', '370602198001012341', '烟台市芝罘区某路1号', 'w@example.com']) expect(s.body).not.toContain(secret);
    const wrong = await t.app.inject({ method: 'POST', url: '/apply/status', payload: new URLSearchParams({ code: code!, phone: '13000000000' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrong.statusCode).toBe(404);
  });

  it('the back office: list, case page with only the allowed actions, an action by form, CSV with personal data only for those allowed', async () => {
    const m = multipart({ ...person, name: '赵八' });
    const sub = await t.app.inject({ method: 'POST', url: '/apply', ...m });
    const code = /data-testid="query-code">(GK[A-Z2-9]{10})</.exec(sub.body)![1]!;
    const id = (await t.db.selectFrom('applications').select('id').where('query_code', '=', code).executeTakeFirstOrThrow()).id;
    const s = await t.login('officer');
    const list = await t.app.inject({ method: 'GET', url: '/admin/applications', headers: { cookie: s.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(code);
    expect(list.body).toContain('赵八');
    let page = await t.app.inject({ method: 'GET', url: `/admin/applications/${id}`, headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    const actions = [...page.body.matchAll(/data-action="(\w+)"/g)].map((x) => x[1]);
    expect(actions).toEqual(['confirmReceipt', 'assign', 'withdraw']);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const post = await t.form(`/admin/applications/${id}/actions/confirmReceipt`, { version }, { as: 'officer' });
    expect(post.statusCode).toBe(303);
    page = await t.app.inject({ method: 'GET', url: `/admin/applications/${id}`, headers: { cookie: s.cookie } });
    expect(page.body).toContain('为什么是这一天');
    expect(page.body).toContain('gk-deadline');
    expect([...page.body.matchAll(/data-action="(\w+)"/g)].map((x) => x[1])).toEqual(['assign', 'requestCorrection', 'startConsultation', 'requestExtension', 'issueFeeNotice', 'reply', 'withdraw']);
    // a stale form is refused with the conflict message on the case page, nothing saved
    const stale = await t.form(`/admin/applications/${id}/actions/requestExtension`, { version, days: '5', reason: 'x' }, { as: 'officer' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toMatch(/gk-error-summary[\s\S]*已被他人修改/);
    const csv = await t.app.inject({ method: 'GET', url: '/admin/applications.csv', headers: { cookie: s.cookie } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    // exports mask personal data by default, also for the officer; the full export is asked for explicitly
    expect(csv.body).not.toContain('赵八');
    expect(csv.body).toContain('赵*');
    const full = await t.app.inject({ method: 'GET', url: '/admin/applications.csv?personal=full', headers: { cookie: s.cookie } });
    expect(full.body).toContain('赵八');
    const sup = await t.login('supervisor');
    const csv2 = await t.app.inject({ method: 'GET', url: '/admin/applications.csv', headers: { cookie: sup.cookie } });
    expect(csv2.statusCode).toBe(200);
    expect(csv2.body).toContain(code);
    expect(csv2.body).not.toContain('赵八');
  });

  it('templates page, template edit with validation, outbox page', async () => {
    const s = await t.login('leader');
    const list = await t.app.inject({ method: 'GET', url: '/admin/letter-templates', headers: { cookie: s.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('补正告知书');
    const bad = await t.form('/admin/letter-templates/reply_partial', { title: '答复书', body: '{{申请人}}：{{不存在}}' }, { as: 'leader' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('未知的占位符：{{不存在}}');
    expect(bad.body).toContain('必须包含以下占位符');
    expect(bad.body).toContain('{{申请人}}：{{不存在}}');
    const outbox = await t.app.inject({ method: 'GET', url: '/admin/mail-outbox', headers: { cookie: s.cookie } });
    expect(outbox.statusCode).toBe(200);
    expect(outbox.body).toContain('未配置 SMTP');
  });
});
