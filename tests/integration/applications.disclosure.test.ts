// Delivering what was decided, on a real database (SQLite; PostgreSQL with TEST_DATABASE_URL): a 予以公开 reply
// carries files (checked like the application form's) and links to published catalogue items; the reviewer's
// approval freezes them with the letter; the status lookup (query code + phone) lists the letter and the files
// with signed links that work for 24 hours, only as issued (altered → 404, expired → 403), each download audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf } from '../builders/hostile-files.ts';
import { pageSizes, pdftotext } from '../builders/redaction-files.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const PHONE = '13912345678';

describe.each(engines())('disclosed information and signed downloads (%s)', (engine) => {
  let t: TestApp;
  let now = new Date('2025-06-02T09:00:00+08:00'); // a Monday
  let id = 0;
  let code = '';
  const pdf = buildPdf({ text: 'Disclosed budget 2024', pages: 2 });

  async function act(who: string, path: string, body: Record<string, unknown>) {
    const cur = (await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { version: number };
    return t.api('POST', `/api/applications/${id}/${path}`, { as: who, body: { version: cur.version, ...body } });
  }
  const status = async (phone = PHONE) => t.app.inject({ method: 'GET', url: `/api/applications/status?code=${code}&phone=${phone}` });
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => now });
    const r = await t.api('POST', '/api/applications/offline', {
      as: 'officer',
      body: { applicant: { type: 'natural_person', name: '郑十一', idType: '居民身份证', idNumber: '370602199001011239', phone: PHONE }, content: '请公开本局2024年部门预算', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2025-06-02' },
    });
    expect(r.statusCode, r.body).toBe(201);
    ({ id, queryCode: code } = r.json() as { id: number; queryCode: string });
  });
  afterAll(() => t?.close());

  it.each([
    ['a file that is not a PDF, DOCX, JPG or PNG', 'attachments', '不是 PDF、DOCX（Word）、JPG 或 PNG 文件', { attachments: [{ filename: '预算.pdf', contentBase64: Buffer.from('not a pdf at all').toString('base64') }] }],
    ['a broken PDF', 'attachments', '已损坏', { attachments: [{ filename: '预算.pdf', contentBase64: Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64') }] }],
    ['six files (at most five)', 'attachments', '最多上传5个附件', { attachments: Array.from({ length: 6 }, (_, i) => ({ filename: `f${i}.pdf`, contentBase64: pdf.toString('base64') })) }],
    ['a catalogue item that does not exist', 'catalogueItemIds', '999999', { catalogueItemIds: [999999] }],
  ])('a reply with %s is refused (400, field %s: %s), nothing is stored', async (_c, field, message, extra) => {
    const r = await act('officer', 'reply', { outcome: 'disclose', ...extra });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect((r.json() as { errors: { field: string; message: string }[] }).errors[0]).toMatchObject({ field });
    expect(r.body).toContain(message);
    expect(await t.db.selectFrom('application_disclosures').selectAll().where('application_id', '=', id).execute()).toHaveLength(0);
  }, 30_000);

  it('a 不予公开 reply cannot carry files', async () => {
    const r = await act('officer', 'reply', { outcome: 'withhold_state_secret', reasons: '该信息经依法确定为国家秘密，依据《中华人民共和国政府信息公开条例》第十四条不予公开。', attachments: [{ filename: '预算.pdf', contentBase64: pdf.toString('base64') }] });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.body).toContain('不能附加公开的文件');
  });

  it('the reply carries a PDF and a published catalogue item; a returned draft\'s file is not delivered; approval freezes the rest', async () => {
    const item = await t.db.selectFrom('catalogue_items').select(['id', 'title']).where('public', '=', 1).executeTakeFirstOrThrow();
    // first draft, returned by the reviewer: its file must never reach the applicant
    let r = await act('officer', 'reply', { outcome: 'disclose', attachments: [{ filename: '草稿.pdf', contentBase64: pdf.toString('base64') }] });
    expect(r.statusCode, r.body).toBe(200);
    r = await act('reviewer', 'reply-return', { note: '附件不对，请换成正式文本' });
    expect(r.statusCode, r.body).toBe(200);
    r = await act('officer', 'reply', { outcome: 'disclose', attachments: [{ filename: '2024年部门预算.pdf', contentBase64: pdf.toString('base64') }], catalogueItemIds: [item.id] });
    expect(r.statusCode, r.body).toBe(200);
    // before approval: nothing to download
    type Status = { files: { kind: string; title: string; filename: string | null; downloadUrl: string }[] };
    let s = (await status()).json() as Status;
    expect(s.files).toEqual([]);
    r = await act('reviewer', 'reply-approval', { note: '同意' });
    expect(r.statusCode, r.body).toBe(200);
    const rows = await t.db.selectFrom('application_disclosures').selectAll().where('application_id', '=', id).orderBy('id').execute();
    expect(rows.map((x) => [x.kind, x.filename, x.frozen_at !== null, x.letter_id !== null])).toEqual([
      ['file', '草稿.pdf', false, false], ['file', '2024年部门预算.pdf', true, true], ['catalogue', null, true, true],
    ]);
    // stored encrypted, like the applicant's attachments
    expect(rows[1]!.content_base64).not.toBe(pdf.toString('base64'));
    s = (await status()).json() as Status;
    expect(s.files.map((f) => [f.kind, f.title, f.filename])).toEqual([['file', '2024年部门预算', '2024年部门预算.pdf'], ['catalogue', item.title, null]]);
    expect(s.files[1]!.downloadUrl).toBe(`/items/${item.id}`);
    // frozen: a later reply after reopening adds its own items but does not touch these
    const frozenBefore = rows.filter((x) => x.frozen_at).map((x) => [x.id, x.letter_id, x.frozen_at]);
    r = await act('officer', 'delivery', { method: '电子邮件' });
    expect(r.statusCode, r.body).toBe(200);
    r = await act('officer', 'reopen', { reason: '申请人反映附件不全，作补充答复' });
    expect(r.statusCode, r.body).toBe(200);
    r = await act('officer', 'reply', { outcome: 'disclose', attachments: [{ filename: '补充材料.pdf', contentBase64: pdf.toString('base64') }] });
    expect(r.statusCode, r.body).toBe(200);
    const after = await t.db.selectFrom('application_disclosures').selectAll().where('application_id', '=', id).orderBy('id').execute();
    expect(after.filter((x) => x.id <= rows[2]!.id && x.frozen_at).map((x) => [x.id, x.letter_id, x.frozen_at])).toEqual(frozenBefore);
    expect(((await status()).json() as { files: unknown[] }).files).toHaveLength(2);
    r = await act('reviewer', 'reply-approval', {});
    expect(r.statusCode, r.body).toBe(200);
    expect(((await status()).json() as { files: unknown[] }).files).toHaveLength(3);
  }, 60_000);

  it('the signed links download the letter and the file, each download audited; no personal data in the URL', async () => {
    const s = (await status()).json() as { letters: { kindLabel: string; downloadUrl: string }[]; files: { kind: string; downloadUrl: string }[] };
    expect(s.letters.length).toBeGreaterThanOrEqual(2); // 答复, 补充答复
    for (const url of [...s.letters.map((l) => l.downloadUrl), ...s.files.filter((f) => f.kind === 'file').map((f) => f.downloadUrl)]) {
      expect(url).not.toContain(PHONE);
      expect(url).not.toContain(code);
    }
    const audited = async () => (await t.db.selectFrom('audit_events').select('action').where('action', 'in', ['application.downloadDisclosure', 'application.downloadLetter']).execute()).length;
    const before = await audited();
    const file = await get(s.files.find((f) => f.kind === 'file')!.downloadUrl);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    // only the redacted copy leaves (区分处理, decision 120): rebuilt from page images, same page count, no text layer
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.rawPayload.equals(pdf)).toBe(false);
    expect(pageSizes(file.rawPayload)).toEqual(pageSizes(pdf));
    expect(pdftotext(file.rawPayload)).not.toContain('Disclosed budget');
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toContain('2024年部门预算.pdf');
    const letter = await get(s.letters.at(-1)!.downloadUrl);
    expect(letter.statusCode, letter.body).toBe(200);
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await audited()).toBe(before + 2);
  }, 60_000);

  it('the case page\'s reply form posts the PDF as multipart; it is frozen on approval and offered on the status lookup', async () => {
    const reg = await t.api('POST', '/api/applications/offline', {
      as: 'officer',
      body: { applicant: { type: 'natural_person', name: '钱十二', idType: '居民身份证', idNumber: '370602199001011239', phone: '13912340000' }, content: '请公开本局2024年决算', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2025-06-02' },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const { id: caseId, queryCode, version } = reg.json() as { id: number; queryCode: string; version: number };
    const s = await t.login('officer');
    const page = await t.app.inject({ method: 'GET', url: `/admin/applications/${caseId}`, headers: { cookie: s.cookie } });
    expect(page.body).toMatch(/data-action="reply"[^>]*enctype="multipart\/form-data"|enctype="multipart\/form-data"[^>]*data-action="reply"/i);
    const boundary = '----gongkaidisclosure9f3';
    const part = (name: string, v: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`);
    const body = Buffer.concat([
      part('_csrf', s.csrf), part('version', String(version)), part('outcome', 'disclose'),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="2024年决算.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdf, Buffer.from('\r\n'),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const posted = await t.app.inject({ method: 'POST', url: `/admin/applications/${caseId}/actions/reply`, payload: body, headers: { cookie: s.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(posted.statusCode, posted.body.slice(0, 500)).toBe(303);
    const cur = (await t.api('GET', `/api/applications/${caseId}`, { as: 'reviewer' })).json() as { version: number };
    const ok = await t.api('POST', `/api/applications/${caseId}/reply-approval`, { as: 'reviewer', body: { version: cur.version } });
    expect(ok.statusCode, ok.body).toBe(200);
    const st = (await t.app.inject({ method: 'GET', url: `/api/applications/status?code=${queryCode}&phone=13912340000` })).json() as { files: { filename: string; downloadUrl: string }[] };
    expect(st.files.map((f) => f.filename)).toEqual(['2024年决算.pdf']);
    const dl = await get(st.files[0]!.downloadUrl);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf)).toBe(false); // the redacted copy made on approval, never the original
    expect(pageSizes(dl.rawPayload)).toEqual(pageSizes(pdf));
  }, 60_000);


  it('a wrong phone gets no links; altered links are unknown (404); expired links are refused (403); nothing is audited', async () => {
    const wrong = await status('13900000000');
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).not.toContain('downloads');
    const url = ((await status()).json() as { files: { kind: string; downloadUrl: string }[] }).files.find((f) => f.kind === 'file')!.downloadUrl;
    const token = url.split('/').pop()!;
    const [kind, fileId, exp, binding, sig] = token.split('.') as [string, string, string, string, string];
    const otherLetter = (await t.db.selectFrom('letters').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const audited = async () => (await t.db.selectFrom('audit_events').select('action').where('action', 'in', ['application.downloadDisclosure', 'application.downloadLetter']).execute()).length;
    const before = await audited();
    for (const [what, bad] of [
      ['another file id', `${kind}.${Number(fileId) + 1}.${exp}.${binding}.${sig}`],
      ['a letter id instead', `l.${otherLetter}.${exp}.${binding}.${sig}`],
      ['a later expiry', `${kind}.${fileId}.${Number(exp) + 86400}.${binding}.${sig}`],
      ['another binding', `${kind}.${fileId}.${exp}.${flip(binding)}.${sig}`],
      ['an altered signature', `${kind}.${fileId}.${exp}.${binding}.${flip(sig)}`],
      ['no signature', `${kind}.${fileId}.${exp}.${binding}`],
      ['a bare id', fileId],
    ] as const) {
      const r = await get(`/api/applications/status/downloads/${bad}`);
      expect(r.statusCode, what).toBe(404);
      expect(r.headers['content-type'], what).toContain('application/problem+json');
      expect(r.body, what).toContain('下载链接无效');
    }
    // 24 hours and one minute later the same link is refused
    now = new Date(now.getTime() + 24 * 3600_000 + 60_000);
    const expired = await get(url);
    expect(expired.statusCode).toBe(403);
    expect(expired.body).toContain('下载链接已过期');
    expect(await audited()).toBe(before);
    // a fresh lookup gives a working link again
    const fresh = ((await status()).json() as { files: { kind: string; downloadUrl: string }[] }).files.find((f) => f.kind === 'file')!.downloadUrl;
    expect((await get(fresh)).statusCode).toBe(200);
  }, 60_000);

  it('the public status page offers the same downloads', async () => {
    const page = await t.app.inject({ method: 'POST', url: '/apply/status', payload: new URLSearchParams({ code, phone: PHONE }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('data-testid="status-files"');
    expect(html).toContain('2024年部门预算');
    expect(html).toMatch(/href="\/api\/applications\/status\/downloads\/f\.\d+\.\d+\.[\w-]+\.[\w-]+"/);
  });

});
