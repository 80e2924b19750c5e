// Uploads: per-route multipart limits enforced while streaming, hostile files refused with a reason,
// file names cleaned of bidi/control characters, redirect targets bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf, deflatedRepeats, docxParts, smallDocx, zipOf } from '../builders/hostile-files.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { multipart, type Part } from '../builders/multipart.ts';

const MB = 1024 * 1024;
const AGENCY = '12370602780795309E';

/** A resident identity number with a correct GB 11643 check digit. */
function idNumber(body17 = '37060219900101123'): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}
const citizen = {
  agency: AGENCY,
  applicant: { type: 'natural_person', name: '张三', idType: '居民身份证', idNumber: idNumber(), phone: '13800000000', address: '山东省烟台市芝罘区' },
  content: '请公开2019年行政许可办件数量', delivery: '电子邮件', email: 'a@example.com',
};

const draft = (title: string) => ({ title, kind: 'notice', category: 5, disclosure: 'proactive', body: '本机关依法公开行政许可办理结果。' });
const pdfFile = (i: number, bytes: number) => ({ name: 'attachments', filename: `scan-${i}.pdf`, type: 'application/pdf', data: Buffer.alloc(bytes, 0x25) });

describe.each(engines())('uploads (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine, { env: { FILE_STORAGE: 'database' } }); });
  afterAll(() => t.close());

  const post = (url: string, parts: Part[], headers: Record<string, string> = {}) => {
    const m = multipart(parts);
    return t.app.inject({ method: 'POST', url, headers: { 'content-type': m.contentType, ...headers }, payload: m.payload });
  };

  it.each([
    // [case, parts, message in the 413 page, the file limits restated]
    ['six files (limit 5)', Array.from({ length: 6 }, (_, i) => pdfFile(i, 1024)), '一次上传的附件超过 5 个', true],
    ['one file of 5 MB + 1 byte', [pdfFile(1, 5 * MB + 1)], '附件“scan-1.pdf”超过 5 MB', true],
    ['a body of 40 MB (refused by its Content-Length)', Array.from({ length: 4 }, (_, i) => pdfFile(i, 10 * MB)), '超过了此处允许的大小', true],
    ['a text field of 100 KB (limit 64 KB)', [{ name: 'content', value: '申'.repeat(40_000) }], '“content”一项的内容超过 64 KB', false],
  ])('/apply refuses %s with 413 and says which limit', async (_case, parts, message, restated) => {
    const r = await post('/apply', [{ name: 'name', value: '张三' }, ...parts]);
    expect(r.statusCode).toBe(413);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain(message);
    if (restated) expect(r.body).toContain('每个附件最多 5 MB，一次最多 5 个');
  });

  it('/apply accepts five files of 5 MB each as far as the limits go (then checks them by content)', async () => {
    const r = await post('/apply', [{ name: 'name', value: '张三' }, ...Array.from({ length: 5 }, (_, i) => pdfFile(i, 5 * MB))]);
    expect(r.statusCode).not.toBe(413);
    expect(r.statusCode).toBeLessThan(500);
  });

  it('a route without upload limits takes no more than one small file (anonymous /apply/status)', async () => {
    const r = await post('/apply/status', [{ name: 'code', value: 'GKABC' }, { name: 'f', filename: 'x.bin', data: Buffer.alloc(2 * MB) }]);
    expect(r.statusCode).toBe(413);
  });

  it('a catalogue draft form with a 400,000-character body (1.2 MB) is within its route\'s limits', async () => {
    const s = await t.login('officer');
    const r = await post('/admin/catalogue', [
      { name: '_csrf', value: s.csrf }, { name: 'title', value: '长篇正文测试' }, { name: 'kind', value: 'notice' }, { name: 'category', value: '5' },
      { name: 'disclosure', value: 'proactive' }, { name: 'body', value: '政'.repeat(400_000) }, { name: 'attachment', filename: '', data: Buffer.alloc(0) },
    ], { cookie: s.cookie });
    expect(r.statusCode, r.body.slice(0, 500)).toBe(303);
  });

  it('checkReports: over 10 files → 413 problem naming the limit', async () => {
    const s = await t.login('officer');
    const parts = Array.from({ length: 11 }, (_, i) => ({ name: 'files', filename: `r${i}.txt`, data: Buffer.from('报告') }));
    const r = await post('/api/reports/check', parts, { cookie: s.cookie, 'x-csrf-token': s.csrf });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ code: 'payload_too_large', title: '提交的内容太大' });
    expect(r.json().detail).toContain('一次上传的报告文件超过 10 个');
  });

  it.each([
    ['a PDF with a JavaScript OpenAction', 400, 'JavaScript', buildPdf({ catalogExtra: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>' })],
    ['an encrypted PDF', 400, '已加密', buildPdf({ trailerExtra: '/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>' })],
    ['a PDF that is only a header', 400, '已损坏', Buffer.from('%PDF-1.7\n%%EOF\n')],
  ])('submitApplication refuses %s: %s, the reason says %s', async (_case, status, message, pdf) => {
    const r = await t.api('POST', '/api/applications', { body: { ...citizen, attachments: [{ filename: 'id.pdf', contentBase64: pdf.toString('base64') }] } });
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().errors[0]).toMatchObject({ field: 'attachments' });
    expect(r.json().errors[0].message).toContain(message);
  }, 30_000);

  it('a PDF bomb attachment (256 MB in one content stream) → 422 archive_too_large', async () => {
    const pdf = buildPdf({ deflatedContent: await deflatedRepeats(256 * MB, { raw: false }) });
    const r = await t.api('POST', '/api/applications', { body: { ...citizen, attachments: [{ filename: 'id.pdf', contentBase64: pdf.toString('base64') }] } });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json()).toMatchObject({ code: 'archive_too_large' });
    expect(r.json().detail).toContain('可能是压缩炸弹');
  }, 30_000);

  it('file names lose bidi overrides and control characters where they are stored and shown', async () => {
    const r = await t.api('POST', '/api/applications', { body: { ...citizen, attachments: [{ filename: '身份证\u202Egpj.exe\u200F\u0007.pdf', contentBase64: buildPdf().toString('base64') }] } });
    expect(r.statusCode, r.body).toBe(201);
    const stored = await t.db.selectFrom('application_attachments').select('filename').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(stored.filename).toBe('身份证gpj.exe.pdf');

    const id = (await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft('附件名称测试') })).json().id as number;
    const s = await t.login('officer');
    const up = await post(`/api/catalogue/items/${id}/attachments`, [{ name: 'attachment', filename: '\u202Etxt.pdf\u2066通知\u2069.pdf', type: 'application/pdf', data: buildPdf() }], { cookie: s.cookie, 'x-csrf-token': s.csrf });
    expect(up.statusCode, up.body).toBe(201);
    const att = await t.db.selectFrom('catalogue_attachments').select('filename').where('item_id', '=', id).executeTakeFirstOrThrow();
    expect(att.filename).toBe('txt.pdf通知.pdf');
    const page = await t.api('GET', `/admin/catalogue/${id}`, { as: 'officer' });
    expect(page.body).toContain('txt.pdf通知');
    expect(page.body).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  }, 30_000);

  it('catalogue: a zip-bomb DOCX attachment → 422, a zip-bomb XLSX import → 422 page with the reason', async () => {
    const id = (await t.api('POST', '/api/catalogue/items', { as: 'officer', body: draft('压缩炸弹测试') })).json().id as number;
    const s = await t.login('officer');
    const bomb = zipOf(docxParts({ name: 'word/document.xml', deflated: await deflatedRepeats(256 * MB, { raw: true }), declaredSize: 2048 }));
    const up = await post(`/api/catalogue/items/${id}/attachments`, [{ name: 'attachment', filename: '通知.docx', data: bomb }], { cookie: s.cookie, 'x-csrf-token': s.csrf });
    expect(up.statusCode, up.body).toBe(422);
    expect(up.json()).toMatchObject({ code: 'archive_too_large' });
    const ok = await post(`/api/catalogue/items/${id}/attachments`, [{ name: 'attachment', filename: '通知.docx', data: smallDocx() }], { cookie: s.cookie, 'x-csrf-token': s.csrf });
    expect(ok.statusCode, ok.body).toBe(201);

    const sheet = zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', deflated: await deflatedRepeats(256 * MB, { raw: true }), declaredSize: 100 }]);
    const imp = await post('/admin/catalogue/import', [{ name: '_csrf', value: s.csrf }, { name: 'file', filename: '目录.xlsx', data: sheet }], { cookie: s.cookie });
    expect(imp.statusCode).toBe(422);
    expect(imp.body).toContain('可能是压缩炸弹');
  }, 60_000);

  it('redirect targets from the request are short same-site paths, never echoed at length', async () => {
    const long = `/admin/${'a'.repeat(100_000)}`;
    const s = await t.login('officer');
    const login = await t.app.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ username: 'officer', password: 'demo12345', next: long }).toString() });
    if (login.statusCode === 303) expect(login.headers.location).toBe('/admin');
    else expect(login.statusCode).toBeGreaterThanOrEqual(400); // refused (e.g. a body or CSRF limit): nothing echoed either
    expect(String(login.headers.location ?? '').length).toBeLessThan(600);
    const signedIn = await t.app.inject({ method: 'GET', url: `/admin/login?next=${encodeURIComponent(`/admin/${'b'.repeat(1500)}`)}`, headers: { cookie: s.cookie } });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/admin');
    const prefs = await t.app.inject({ method: 'GET', url: `/prefs?large=1&back=${encodeURIComponent(`/${'c'.repeat(1500)}`)}` });
    expect(prefs.headers.location).toBe('/');
    const anon = await t.app.inject({ method: 'GET', url: `/admin/applications?q=${'d'.repeat(3000)}` });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe('/admin/login');
    const short = await t.app.inject({ method: 'GET', url: '/admin/applications?view=mine' });
    expect(short.headers.location).toBe(`/admin/login?next=${encodeURIComponent('/admin/applications?view=mine')}`);
  });
});
