// 区分处理 on a real database (SQLite; PostgreSQL with TEST_DATABASE_URL): a 部分公开 reply carries a PDF with
// an ID number and a phone; the officer accepts the suggestions and draws a box, each with its reason; the
// reviewer compares (view only); approval makes the redacted copy and writes the 区分处理说明 into the letter
// from the same redactions; the status page's signed link delivers only the redacted copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../src/core/validation/index.ts';
import { bytesHold, pageSizes, pdftotext, regionStats, textPdf } from '../builders/redaction-files.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const PHONE = '13912345678';
const ID = '11010519491231002' + idCheckCharacter('11010519491231002');
const THIRD = '15866667777';

describe.each(engines())('redaction of disclosed files (%s)', (engine) => {
  let t: TestApp;
  const now = new Date('2025-06-02T09:00:00+08:00');
  let id = 0;
  let code = '';
  let did = 0;
  const pdf = textPdf([`Third party ID ${ID}`, `Phone ${THIRD}`, 'Budget line 1: 120000', 'Signature block'], 2);
  type View = { version: number; canEdit: boolean; pages: { w: number; h: number }[]; suggestions: { key: string; kind: string; page: number }[]; redactions: { id: number; kind: string; reason: string }[]; statement: string | null; copy: unknown };
  const base = () => `/api/applications/${id}/disclosures/${did}`;
  const view = async (as = 'officer') => (await t.api('GET', `${base()}/redaction`, { as })).json() as View;

  async function act(who: string, path: string, body: Record<string, unknown>) {
    const cur = (await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { version: number };
    return t.api('POST', `/api/applications/${id}/${path}`, { as: who, body: { version: cur.version, ...body } });
  }

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => now });
    const r = await t.api('POST', '/api/applications/offline', {
      as: 'officer',
      body: { applicant: { type: 'natural_person', name: '周十三', idType: '居民身份证', idNumber: '370602199001011239', phone: PHONE }, content: '请公开某项目的补偿协议', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2025-06-02' },
    });
    expect(r.statusCode, r.body).toBe(201);
    ({ id, queryCode: code } = r.json() as { id: number; queryCode: string });
    const rep = await act('officer', 'reply', { outcome: 'partial', reasons: '协议中第三方的个人信息不予公开。', attachments: [{ filename: '补偿协议.pdf', contentBase64: pdf.toString('base64') }] });
    expect(rep.statusCode, rep.body).toBe(200);
    did = (await t.db.selectFrom('application_disclosures').select('id').where('application_id', '=', id).executeTakeFirstOrThrow()).id;
  }, 60_000);
  afterAll(() => t?.close());

  it('the view: page sizes, suggestions (ID number with a valid check digit, phone) on each page; the case page links to it', async () => {
    const v = await view();
    expect(v.pages.map(({ w, h }) => ({ w, h }))).toEqual([{ w: 595, h: 842 }, { w: 595, h: 842 }]);
    expect(v.suggestions.map((s) => `${s.page} ${s.kind}`).sort()).toEqual(['1 id-number', '1 phone', '2 id-number', '2 phone']);
    expect(v.canEdit).toBe(true);
    const page = await t.api('GET', `/admin/applications/${id}`, { as: 'officer' });
    expect(page.body).toContain(`/admin/applications/${id}/disclosures/${did}/redaction`);
  }, 60_000);

  it('who: the reviewer sees but cannot change; the supervisor and the admin never see the original', async () => {
    const rv = await view('reviewer');
    expect(rv.canEdit).toBe(false);
    const r = await t.api('POST', `${base()}/redactions`, { as: 'reviewer', body: { version: rv.version, page: 1, x: 10, y: 10, w: 50, h: 20, reason: 'art15-privacy' } });
    expect(r.statusCode, r.body).toBe(403);
    for (const who of ['supervisor', 'admin']) {
      const g = await t.api('GET', `${base()}/redaction`, { as: who });
      expect([403, 404]).toContain(g.statusCode);
      expect(g.body).not.toContain(ID);
    }
  }, 60_000);

  it('bad input: 400 with the field, a stale version 409, a box off the page 400, reason other without text 400', async () => {
    const v = await view();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ version: v.version, page: 1, x: 10, y: 10, w: 50, h: 20, reason: 'art99' }, 400, 'reason'],
      [{ version: v.version, page: 1, x: 500, y: 10, w: 200, h: 20, reason: 'art15-privacy' }, 400, '超出页面'],
      [{ version: v.version, page: 9, x: 10, y: 10, w: 50, h: 20, reason: 'art15-privacy' }, 400, '第 9 页不存在'],
      [{ version: v.version, page: 1, x: 10, y: 10, w: 50, h: 20, reason: 'other' }, 400, '其他理由'],
      [{ version: v.version, page: 1, x: 'a', y: 10, w: 50, h: 20, reason: 'art15-privacy' }, 400, 'x'],
      [{ version: v.version + 5, page: 1, x: 10, y: 10, w: 50, h: 20, reason: 'art15-privacy' }, 409, '已被他人修改'],
    ];
    for (const [body, status, text] of cases) {
      const r = await t.api('POST', `${base()}/redactions`, { as: 'officer', body });
      expect(r.statusCode, r.body).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body).toContain(text);
    }
    const f = await t.form(`/admin/applications/${id}/disclosures/${did}/redaction/addBox`, { version: String(v.version), page: '1', x: '600', y: '10', w: '50', h: '20', reason: 'art15-privacy' }, { as: 'officer' });
    expect(f.statusCode).toBe(400);
    expect(f.body).toContain('data-gk-error-summary');
    expect(f.body).toContain('超出页面');
    expect((await view()).version).toBe(v.version); // nothing stored
  }, 60_000);

  it('accept the suggestions of page 1, dismiss those of page 2, draw a box on page 2; the redacted preview is black there', async () => {
    let v = await view();
    for (const s of v.suggestions) {
      const accept = s.page === 1;
      const r = await t.api('POST', `${base()}/${accept ? 'suggestion-acceptance' : 'suggestion-dismissal'}`, { as: 'officer', body: { version: v.version, key: s.key, ...(accept ? { reason: 'art15-privacy' } : {}) } });
      expect(r.statusCode, r.body).toBe(200);
      v = r.json() as View;
    }
    // the page form adds the box (a drag fills these fields in the browser)
    const f = await t.form(`/admin/applications/${id}/disclosures/${did}/redaction/addBox`, { version: String(v.version), page: '2', x: '66', y: '66', w: '220', h: '40', reason: 'art15-privacy' }, { as: 'officer' });
    expect(f.statusCode, f.body).toBe(303);
    v = await view();
    expect(v.suggestions).toEqual([]);
    expect(v.redactions.map((r) => `${r.kind} ${r.reason}`).sort()).toEqual(['box art15-privacy', 'id-number art15-privacy', 'phone art15-privacy']);
    expect(v.statement).toContain('《补偿协议.pdf》共遮盖三处：三处涉及个人隐私');
    const img = await t.api('GET', `${base()}/pages/1?variant=redacted`, { as: 'reviewer' });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    const orig = await t.api('GET', `/admin/applications/${id}/disclosures/${did}/pages/1?variant=original`, { as: 'reviewer' });
    expect(orig.statusCode).toBe(200);
    expect(orig.rawPayload.equals(img.rawPayload)).toBe(false);
    const page = await t.api('GET', `/admin/applications/${id}/disclosures/${did}/redaction`, { as: 'reviewer' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('原件 | 遮盖后');
    expect(page.body).not.toContain('遮盖此区域'); // the reviewer compares, does not edit
  }, 120_000);

  it('approval: the letter states the 区分处理 from the redactions; the applicant gets only the redacted copy; nothing changes afterwards', async () => {
    const r = await act('reviewer', 'reply-approval', { note: '同意' });
    expect(r.statusCode, r.body).toBe(200);
    const letter = await t.db.selectFrom('letters').select(['body']).where('application_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(letter.body).toContain('本机关对所提供的信息作了区分处理');
    expect(letter.body).toContain('《补偿协议.pdf》共遮盖三处');
    const row = await t.db.selectFrom('application_disclosures').selectAll().where('id', '=', did).executeTakeFirstOrThrow();
    expect(row.frozen_at).not.toBeNull();
    expect(row.redacted_base64).not.toBeNull();
    const s = (await t.app.inject({ method: 'GET', url: `/api/applications/status?code=${code}&phone=${PHONE}` })).json() as { files: { filename: string; downloadUrl: string }[] };
    expect(s.files.map((f) => f.filename)).toEqual(['补偿协议.pdf']);
    const file = await t.app.inject({ method: 'GET', url: s.files[0]!.downloadUrl });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const out = file.rawPayload;
    expect(out.equals(pdf)).toBe(false);
    expect(pageSizes(out)).toEqual(['595x842', '595x842']);
    for (const secret of [ID, THIRD]) {
      expect(pdftotext(out)).not.toContain(secret);
      expect(bytesHold(out, secret)).toBe(false);
    }
    expect(regionStats(out, 2, { x: 70, y: 70, w: 200, h: 30 }).max).toBeLessThan(40);
    const v = await view();
    expect(v.canEdit).toBe(false);
    const late = await t.api('POST', `${base()}/redactions`, { as: 'officer', body: { version: v.version, page: 1, x: 10, y: 10, w: 50, h: 20, reason: 'art14' } });
    expect(late.statusCode, late.body).toBe(409);
  }, 120_000);
});
