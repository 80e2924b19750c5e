// A Word file disclosed with a 部分公开 reply (decision 120): the officer uploads the DOCX with the case page's
// reply form (multipart), it opens in the redaction view as pages with its suggestions, and what the applicant
// gets is only the redacted PDF rebuilt from page images — never the DOCX, its tracked changes or its comments.
// A ZIP bomb posing as a DOCX and an archive that is no Word file are refused at upload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../src/core/validation/index.ts';
import { zipBombDocx, zipOf } from '../builders/hostile-files.ts';
import { bytesHold, docxWithTrackedChanges, pageSizes, pdftotext, regionStats } from '../builders/redaction-files.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const PHONE = '13700001111';
const ID = '11010519491231002' + idCheckCharacter('11010519491231002');
const MOBILE = '15866667777';
const DELETED = '第三方旧名称甲乙丙';
const COMMENT = '审阅人批注内容';

function multipart(fields: Record<string, string>, files: { name: string; filename: string; data: Buffer; type: string }[]) {
  const boundary = '----gkredactdocx';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\ncontent-type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe.each(engines())('a DOCX disclosed with a reply is redacted and delivered as PDF (%s)', (engine) => {
  let t: TestApp;
  const now = new Date('2025-06-03T09:00:00+08:00');
  let id = 0;
  let code = '';
  let did = 0;
  // the final text holds the ID number and a mobile number; the deleted revision and the comment hold other names
  const docx = docxWithTrackedChanges({ visible: `第三方身份证号 ${ID} 联系电话 ${MOBILE}`, deleted: DELETED, inserted: '某某公司', moved: '移走的段落', comment: COMMENT });

  async function postReply(files: { filename: string; data: Buffer }[]) {
    const s = await t.login('officer');
    const cur = (await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { version: number };
    const m = multipart({ _csrf: s.csrf, version: String(cur.version), outcome: 'partial', reasons: '协议中第三方的个人信息不予公开（条例第十五条、第三十七条）。' }, files.map((f) => ({ name: 'attachments', filename: f.filename, data: f.data, type: DOCX_TYPE })));
    return t.app.inject({ method: 'POST', url: `/admin/applications/${id}/actions/reply`, payload: m.payload, headers: { 'content-type': m.contentType, cookie: s.cookie } });
  }

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => now });
    const r = await t.api('POST', '/api/applications/offline', {
      as: 'officer',
      body: { applicant: { type: 'natural_person', name: '吴十四', idType: '居民身份证', idNumber: '370602199001011239', phone: PHONE }, content: '请公开某项目的补偿协议（Word 版）', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2025-06-03' },
    });
    expect(r.statusCode, r.body).toBe(201);
    ({ id, queryCode: code } = r.json() as { id: number; queryCode: string });
  }, 60_000);
  afterAll(() => t?.close());

  it('the reply form refuses a ZIP bomb named .docx and a ZIP that is not a Word file, on the case page with the field', async () => {
    const cases: [string, Buffer, string][] = [
      ['炸弹.docx', await zipBombDocx(300 * 1024 * 1024), '无法作为 Word 文件打开'],
      ['压缩包.docx', zipOf([{ name: 'a.txt', data: Buffer.from('plain') }]), '不是 PDF、DOCX（Word）、JPG 或 PNG 文件'],
    ];
    for (const [filename, data, message] of cases) {
      const res = await postReply([{ filename, data }]);
      expect(res.statusCode, filename).toBe(400);
      expect(res.body).toContain('data-gk-error-summary');
      expect(res.body).toContain(message);
    }
    expect(await t.db.selectFrom('application_disclosures').select('id').where('application_id', '=', id).execute()).toEqual([]);
  }, 60_000);

  it('uploaded with the case page form; the case page links the redaction view; the view shows the pages and the suggestions of the converted file', async () => {
    const res = await postReply([{ filename: '补偿协议.docx', data: docx }]);
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    const row = await t.db.selectFrom('application_disclosures').select(['id', 'mime', 'filename']).where('application_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ mime: DOCX_TYPE, filename: '补偿协议.docx' });
    did = row.id;
    const casePage = await t.api('GET', `/admin/applications/${id}`, { as: 'officer' });
    expect(casePage.body).toContain(`/admin/applications/${id}/disclosures/${did}/redaction`);
    const v = (await t.api('GET', `/api/applications/${id}/disclosures/${did}/redaction`, { as: 'officer' })).json() as { version: number; pages: { w: number; h: number }[]; suggestions: { key: string; kind: string; text: string }[] };
    expect(v.pages.map(({ w, h }) => ({ w, h }))).toEqual([{ w: 595.3, h: 841.89 }]); // A4 from the DOCX's w:pgSz (11906 × 16838 twips)
    expect(v.suggestions.map((s) => `${s.kind} ${s.text}`).sort()).toEqual([`id-number ${ID}`, `phone ${MOBILE}`]);
    const view = await t.api('GET', `/admin/applications/${id}/disclosures/${did}/redaction`, { as: 'officer' });
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('补偿协议.docx');
    const img = await t.api('GET', `/admin/applications/${id}/disclosures/${did}/pages/1?variant=original`, { as: 'officer' });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    let version = v.version;
    for (const s of v.suggestions) {
      const a = await t.api('POST', `/api/applications/${id}/disclosures/${did}/suggestion-acceptance`, { as: 'officer', body: { version, key: s.key, reason: 'art15-privacy' } });
      expect(a.statusCode, a.body).toBe(200);
      version = (a.json() as { version: number }).version;
    }
  }, 180_000);

  it('after approval the applicant downloads 补偿协议.pdf: same page count and size, black where the ID and phone were, none of the hidden strings', async () => {
    const cur = (await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { version: number };
    const ok = await t.api('POST', `/api/applications/${id}/reply-approval`, { as: 'reviewer', body: { version: cur.version, note: '同意' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const letter = await t.db.selectFrom('letters').select(['body']).where('application_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(letter.body).toContain('《补偿协议.pdf》共遮盖二处：二处涉及个人隐私');
    const s = (await t.app.inject({ method: 'GET', url: `/api/applications/status?code=${code}&phone=${PHONE}` })).json() as { files: { filename: string; downloadUrl: string }[] };
    expect(s.files.map((f) => f.filename)).toEqual(['补偿协议.pdf']);
    const file = await t.app.inject({ method: 'GET', url: s.files[0]!.downloadUrl });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toContain(encodeURIComponent('补偿协议.pdf'));
    const out = file.rawPayload;
    expect(out.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageSizes(out)).toEqual(['595x842']);
    const text = pdftotext(out);
    for (const secret of [ID, MOBILE, DELETED, COMMENT, '第三方身份证号']) {
      expect(text).not.toContain(secret);
      expect(bytesHold(out, secret)).toBe(false);
    }
    expect(out.includes(Buffer.from('word/document.xml'))).toBe(false);
    // the accepted suggestions' boxes are black in the delivered file
    const v = (await t.api('GET', `/api/applications/${id}/disclosures/${did}/redaction`, { as: 'officer' })).json() as { redactions: { boxes: { x: number; y: number; w: number; h: number }[] }[] };
    expect(v.redactions).toHaveLength(2);
    for (const b of v.redactions.flatMap((r) => r.boxes)) {
      expect(regionStats(out, 1, { x: b.x + 2, y: b.y + 2, w: b.w - 4, h: b.h - 4 }).max).toBeLessThan(40);
    }
  }, 180_000);
});
