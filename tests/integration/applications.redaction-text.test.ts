// Text selection in the redaction view (decision 120): the officer's view carries each page's text items (the
// invisible layer over the page image); a selection becomes a redaction of kind "text" with its reason —
// through the API operation addTextRedaction (with where it was selected: only the nearest occurrence) and
// through the page form without script (typed: every occurrence on the page). The view's strings come from
// the locale: the zh-CN page holds no English words of its own, the en page no Chinese ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesHold, cjkPdf, pdftotext, regionStats } from '../builders/redaction-files.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const NAME = '张三丰';

describe.each(engines())('selecting text to redact (%s)', (engine) => {
  let t: TestApp;
  let id = 0;
  let did = 0;
  type View = { version: number; pages: { w: number; h: number; text?: { x: number; y: number; w: number; h: number; str: string }[] }[]; redactions: { id: number; kind: string; reason: string; otherText: string | null; boxes: { x: number; y: number; w: number; h: number }[] }[] };
  const base = () => `/api/applications/${id}/disclosures/${did}`;
  const view = async (as = 'officer') => (await t.api('GET', `${base()}/redaction`, { as })).json() as View;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => new Date('2025-06-04T09:00:00+08:00') });
    const r = await t.api('POST', '/api/applications/offline', {
      as: 'officer',
      body: { applicant: { type: 'natural_person', name: '王十六', idType: '居民身份证', idNumber: '370602199001011239', phone: '13700002222' }, content: '请公开会议纪要', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2025-06-04' },
    });
    expect(r.statusCode, r.body).toBe(201);
    id = (r.json() as { id: number }).id;
    const pdf = await cjkPdf([
      { x: 72, y: 100, text: `经办人：${NAME}` },
      { x: 72, y: 200, text: '会议决定：同意补偿方案' },
      { x: 72, y: 300, text: `抄送：${NAME}、李四` },
    ]);
    const cur = (await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { version: number };
    const rep = await t.api('POST', `/api/applications/${id}/reply`, { as: 'officer', body: { version: cur.version, outcome: 'partial', reasons: '会议纪要中个人信息不予公开（条例第十五条）。', attachments: [{ filename: '会议纪要.pdf', contentBase64: pdf.toString('base64') }] } });
    expect(rep.statusCode, rep.body).toBe(200);
    did = (await t.db.selectFrom('application_disclosures').select('id').where('application_id', '=', id).executeTakeFirstOrThrow()).id;
  }, 60_000);
  afterAll(() => t?.close());

  it('the officer\'s view carries the page text where the lines are; the reviewer\'s does not', async () => {
    const v = await view();
    const items = v.pages[0]!.text!;
    const line = (s: string) => items.find((i) => i.str.includes(s));
    expect(line('经办人')).toMatchObject({ x: expect.closeTo(72, 0) as number });
    expect(line('经办人')!.y).toBeGreaterThan(95);
    expect(line('经办人')!.y).toBeLessThan(105);
    expect(line('抄送')!.y).toBeGreaterThan(295);
    expect((await view('reviewer')).pages[0]!.text).toBeUndefined();
  }, 60_000);

  it('bad input: text not on the page, empty text, no reason, a page the file lacks — 400 with the field, nothing stored', async () => {
    const v = await view();
    const cases: [Record<string, unknown>, string][] = [
      [{ page: 1, text: '王五', reason: 'art15-privacy' }, '没有“王五”'],
      [{ page: 1, text: '   ', reason: 'art15-privacy' }, '请选中或填写要遮盖的文字'],
      [{ page: 1, text: NAME }, '请选择不予公开的理由'],
      [{ page: 3, text: NAME, reason: 'art15-privacy' }, '第 3 页不存在'],
      [{ page: 1, text: NAME, nearX: 'left', nearY: 10, reason: 'art15-privacy' }, 'nearX'],
    ];
    for (const [body, text] of cases) {
      const r = await t.api('POST', `${base()}/text-redactions`, { as: 'officer', body: { version: v.version, ...body } });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body).toContain(text);
    }
    const f = await t.form(`/admin/applications/${id}/disclosures/${did}/redaction/addText`, { version: String(v.version), page: '1', text: '王五', reason: 'art15-privacy' }, { as: 'officer' });
    expect(f.statusCode).toBe(400);
    expect(f.body).toContain('data-gk-error-summary');
    expect(f.body).toContain('没有“王五”');
    const r = await t.api('POST', `${base()}/text-redactions`, { as: 'reviewer', body: { version: v.version, page: 1, text: NAME, reason: 'art15-privacy' } });
    expect(r.statusCode).toBe(403);
    expect((await view()).version).toBe(v.version);
  }, 60_000);

  it('selected near the first line: only that occurrence; typed in the form without script: every occurrence on the page', async () => {
    let v = await view();
    const sel = await t.api('POST', `${base()}/text-redactions`, { as: 'officer', body: { version: v.version, page: 1, text: NAME, nearX: 140, nearY: 108, reason: 'art15-privacy' } });
    expect(sel.statusCode, sel.body).toBe(200);
    v = sel.json() as View;
    expect(v.redactions).toHaveLength(1);
    expect(v.redactions[0]).toMatchObject({ kind: 'text', reason: 'art15-privacy' });
    expect(v.redactions[0]!.boxes.map((b) => Math.round(b.y / 100))).toEqual([1]);
    const typed = await t.form(`/admin/applications/${id}/disclosures/${did}/redaction/addText`, { version: String(v.version), page: '1', text: NAME, nearX: '', nearY: '', reason: 'other', otherText: '会议记录人员的个人信息' }, { as: 'officer' });
    expect(typed.statusCode, typed.body.slice(0, 500)).toBe(303);
    v = await view();
    expect(v.redactions).toHaveLength(2);
    expect(v.redactions[1]).toMatchObject({ kind: 'text', reason: 'other', otherText: '会议记录人员的个人信息' });
    expect(v.redactions[1]!.boxes.map((b) => Math.round(b.y / 100)).sort()).toEqual([1, 3]);
    const page = await t.api('GET', `/admin/applications/${id}/disclosures/${did}/redaction`, { as: 'officer' });
    expect(page.body).toContain('选中文字');
    expect(page.body).toContain('其他：会议记录人员的个人信息');
  }, 60_000);

  it('the redacted copy: the name gone from text and bytes, black at every text box, the rest of the page kept', async () => {
    const v = await view();
    const r = await t.api('POST', `${base()}/redacted-copy`, { as: 'officer', body: { version: v.version } });
    expect(r.statusCode, r.body).toBe(200);
    const row = await t.db.selectFrom('application_disclosures').select(['redacted_base64']).where('id', '=', did).executeTakeFirstOrThrow();
    expect(row.redacted_base64).not.toBeNull();
    const img = await t.api('GET', `${base()}/pages/1?variant=redacted`, { as: 'reviewer' });
    expect(img.statusCode).toBe(200);
    // the delivered bytes are checked through the approval path
    const cur = (await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { version: number; queryCode: string };
    const ok = await t.api('POST', `/api/applications/${id}/reply-approval`, { as: 'reviewer', body: { version: cur.version, note: '同意' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const s = (await t.app.inject({ method: 'GET', url: `/api/applications/status?code=${cur.queryCode}&phone=13700002222` })).json() as { files: { downloadUrl: string }[] };
    const pdf = (await t.app.inject({ method: 'GET', url: s.files[0]!.downloadUrl })).rawPayload;
    expect(pdftotext(pdf)).not.toContain(NAME);
    expect(bytesHold(pdf, NAME)).toBe(false);
    for (const b of v.redactions.flatMap((x) => x.boxes)) expect(regionStats(pdf, 1, { x: b.x + 2, y: b.y + 2, w: b.w - 4, h: b.h - 4 }).max).toBeLessThan(40);
    const kept = regionStats(pdf, 1, { x: 72, y: 200, w: 150, h: 14 });
    expect(kept.min).toBeLessThan(100); // the decision line still has ink
    expect(kept.mean).toBeGreaterThan(150);
  }, 120_000);

  it('locale: the zh-CN view has no English words of its own, the en view no Chinese ones (file name, letter sentence and found text aside)', async () => {
    const strip = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ');
    // the letter's own sentence (Chinese in every locale) and the file name are data, not the view's strings
    const main = (html: string) => strip(/<main[\s\S]*<\/main>/.exec(html)![0].replace(/<p data-testid="redaction-statement">[\s\S]*?<\/p>/, ''));
    const zh = main((await t.api('GET', `/admin/applications/${id}/disclosures/${did}/redaction?lang=zh-CN`, { as: 'reviewer' })).body);
    expect(zh).toContain('页面对照：原件 | 遮盖后');
    // the case's query code is data
    const english = (zh.replace(/GK[A-Z2-9]{10}/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !['PDF', 'KB', 'pdf'].includes(w));
    expect(english).toEqual([]);
    const en = (await t.api('GET', `/admin/applications/${id}/disclosures/${did}/redaction?lang=en`, { as: 'reviewer' })).body;
    const enMain = main(en).replace(/会议纪要\.pdf/g, '');
    expect(enMain).toContain('Pages: original | redacted');
    expect(enMain).toContain('Art. 15 Personal privacy');
    expect(enMain).toContain('Other: 会议记录人员的个人信息');
    const chinese = (enMain.replace('Other: 会议记录人员的个人信息', '').match(/[\u4e00-\u9fff]+/g) ?? []);
    expect(chinese).toEqual([]);
  }, 60_000);
});
