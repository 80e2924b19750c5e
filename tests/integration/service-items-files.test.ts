// 空白表格 / 示例样表 of a service item's materials: uploaded by the unit's officer (API and the item page's form),
// checked by content, each upload or removal a new version with its change history; the public 办事指南 page and its
// PDF offer the file; a stale version answers 409; what is not a document (a text file named .pdf, a zip bomb named
// .docx) is refused with a Chinese message and nothing changes; another unit's officer cannot touch the item.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf, smallDocx, zipBombDocx } from '../builders/hostile-files.ts';
import { createTestApp, engines, type Session, type TestApp } from './harness.ts';
import { multipart } from '../builders/multipart.ts';


const MATERIAL = '食品经营许可申请书';

describe.each(engines())('blank forms and samples of an item (%s)', (engine) => {
  let t: TestApp;
  let s: Session;
  let id = 0;
  const detail = async () => (await t.api('GET', `/api/service-items/${id}`, { as: 'officer' })).json() as { version: number; values: { materials: { name: string; blankForm: string; sample: string }[] }; history: { version: number; reason: string | null }[] };
  const upload = (fields: Record<string, string>, file?: { filename: string; data: Buffer }, session = s) => {
    const m = multipart([...Object.entries(fields).map(([name, value]) => ({ name, value })), ...(file ? [{ name: 'file', ...file }] : [])]);
    return t.app.inject({ method: 'POST', url: `/api/service-items/${id}/files`, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': m.contentType }, payload: m.payload });
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    s = await t.login('officer');
    const list = (await t.api('GET', `/api/service-items?q=${encodeURIComponent('食品经营许可')}`, { as: 'officer' })).json() as { items: { id: number; name: string; level: string }[] };
    id = list.items.find((i) => i.level === 'district')!.id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('an upload names the file in the material, makes a new version with its reason, and the guide page and PDF offer it', async () => {
    const before = await detail();
    const pdf = buildPdf({ text: 'blank form' });
    const r = await upload({ version: String(before.version), material: MATERIAL, kind: 'blankForm' }, { filename: '申请书（空白）.pdf', data: pdf });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ version: before.version + 1, filename: '申请书（空白）.pdf' });
    const after = await detail();
    expect(after.version).toBe(before.version + 1);
    expect(after.values.materials.find((m) => m.name === MATERIAL)!.blankForm).toBe('申请书（空白）.pdf');
    expect(after.history.find((h) => h.version === after.version)!.reason).toBe(`上传空白表格“申请书（空白）.pdf”（${MATERIAL}）`);
    // the public 办事指南: a download link, and the bytes as uploaded
    const guide = await t.app.inject({ method: 'GET', url: `/services/${id}` });
    expect(guide.statusCode).toBe(200);
    const href = `/services/${id}/files/${encodeURIComponent('申请书（空白）.pdf')}`;
    expect(guide.body).toContain(href);
    const file = await t.app.inject({ method: 'GET', url: href });
    expect(file.statusCode).toBe(200);
    expect(Buffer.compare(file.rawPayload, pdf)).toBe(0);
    // the guide's PDF lists it in the materials checklist
    const guidePdf = await t.app.inject({ method: 'GET', url: `/services/${id}/guide.pdf` });
    expect(guidePdf.statusCode).toBe(200);
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-si-files-'));
    try {
      writeFileSync(path.join(dir, 'g.pdf'), guidePdf.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'g.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      // the checklist's last column wraps the name beside the 依据 column, so its two lines are looked for apart
      expect(text).toContain('空白表格：申请书');
      expect(text).toContain('（空白）.pdf');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a text file named .pdf', { filename: '表格.pdf', data: Buffer.from('这不是 PDF 文件') }, 'file', /不是 PDF/],
    ['a Word file named .pdf', { filename: '表格.pdf', data: smallDocx() }, 'file', /扩展名与实际内容/],
  ])('%s is refused (400, the field named), nothing changes', async (_name, file, field, message) => {
    const before = await detail();
    const r = await upload({ version: String(before.version), material: MATERIAL, kind: 'sample' }, file);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    const fe = (r.json() as { errors?: { field: string; message: string }[] }).errors ?? [];
    expect(fe.find((e) => e.field === field)?.message).toMatch(message);
    expect((await detail()).version).toBe(before.version);
  });

  it('a zip bomb named .docx is refused before it is inflated (4xx, never 500), nothing changes', async () => {
    const before = await detail();
    const r = await upload({ version: String(before.version), material: MATERIAL, kind: 'sample' }, { filename: '样表.docx', data: await zipBombDocx(300 * 1024 * 1024) });
    expect([400, 413, 422]).toContain(r.statusCode);
    expect((await detail()).version).toBe(before.version);
  });

  it.each([
    ['an unknown material', { material: '不存在的材料', kind: 'blankForm' }, 'material'],
    ['an unknown kind', { material: MATERIAL, kind: 'template' }, 'kind'],
    ['no material', { kind: 'blankForm' }, 'material'],
  ])('%s → 400 naming the field', async (_name, fields, field) => {
    const before = await detail();
    const r = await upload({ version: String(before.version), ...fields }, { filename: 'a.pdf', data: buildPdf() });
    expect(r.statusCode, r.body).toBe(400);
    expect(((r.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field)).toContain(field);
  });

  it('a stale version answers 409 and stores nothing', async () => {
    const before = await detail();
    const r = await upload({ version: String(before.version - 1), material: MATERIAL, kind: 'sample' }, { filename: '样表.pdf', data: buildPdf() });
    expect(r.statusCode, r.body).toBe(409);
    const after = await detail();
    expect(after.version).toBe(before.version);
    expect(after.values.materials.find((m) => m.name === MATERIAL)!.sample).toBe('');
    expect((await t.app.inject({ method: 'GET', url: `/services/${id}/files/${encodeURIComponent('样表.pdf')}` })).statusCode).toBe(404);
  });

  it('removal clears the material, makes a version, and the file is gone from the guide', async () => {
    const before = await detail();
    const stale = await t.api('DELETE', `/api/service-items/${id}/files?version=${before.version - 1}&material=${encodeURIComponent(MATERIAL)}&kind=blankForm`, { as: 'officer' });
    expect(stale.statusCode).toBe(409);
    const nothing = await t.api('DELETE', `/api/service-items/${id}/files?version=${before.version}&material=${encodeURIComponent(MATERIAL)}&kind=sample`, { as: 'officer' });
    expect(nothing.statusCode).toBe(400);
    const r = await t.api('DELETE', `/api/service-items/${id}/files?version=${before.version}&material=${encodeURIComponent(MATERIAL)}&kind=blankForm`, { as: 'officer' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ version: before.version + 1 });
    const after = await detail();
    expect(after.values.materials.find((m) => m.name === MATERIAL)!.blankForm).toBe('');
    expect(after.history.find((h) => h.version === after.version)!.reason).toBe(`删除空白表格“申请书（空白）.pdf”（${MATERIAL}）`);
    expect((await t.app.inject({ method: 'GET', url: `/services/${id}/files/${encodeURIComponent('申请书（空白）.pdf')}` })).statusCode).toBe(404);
  });

  it('the 街道 officer cannot attach to the 区 item (404), the supervisor may not (403), anonymous is 401', async () => {
    const before = await detail();
    const street = await t.login('xiangyang');
    const r = await upload({ version: String(before.version), material: MATERIAL, kind: 'sample' }, { filename: 'a.pdf', data: buildPdf() }, street);
    expect(r.statusCode).toBe(404);
    const sup = await t.login('supervisor');
    expect((await upload({ version: String(before.version), material: MATERIAL, kind: 'sample' }, { filename: 'a.pdf', data: buildPdf() }, sup)).statusCode).toBe(403);
    const anon = await t.app.inject({ method: 'DELETE', url: `/api/service-items/${id}/files?version=1&material=x&kind=sample` });
    expect(anon.statusCode).toBe(401);
    expect((await detail()).version).toBe(before.version);
  });

  it('a blank form the materials name but nobody uploaded is marked 未上传 on the item page, with no link that would 404', async () => {
    const list = (await t.api('GET', `/api/service-items?q=${encodeURIComponent('公共场所卫生许可')}`, { as: 'officer' })).json() as { items: { id: number; level: string }[] };
    const other = list.items.find((i) => i.level === 'district')!.id;
    const file = `/services/${other}/files/${encodeURIComponent('公共场所卫生许可申请表.docx')}`;
    expect((await t.api('GET', file)).statusCode).toBe(404);
    const page = await t.app.inject({ method: 'GET', url: `/admin/services/${other}`, headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('公共场所卫生许可申请表.docx <strong class="gk-tag gk-tag--amber">未上传</strong>');
    expect(page.body).not.toContain(`href="${file}"`);
    // the public guide offers it at the counter instead of a link
    const guide = await t.api('GET', `/services/${other}`);
    expect(guide.body).toContain('空白表格（请到窗口领取）');
    expect(guide.body).not.toContain(`href="${file}"`);
  });

  it('the item page: upload form → flash and the file listed; a missing file comes back with the error summary; removal by its button', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/admin/services/${id}`, headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="files-form"');
    const v = (await detail()).version;
    const none = multipart([{ name: '_csrf', value: s.csrf }, { name: 'version', value: String(v) }, { name: 'material', value: MATERIAL }, { name: 'kind', value: 'sample' }]);
    const bad = await t.app.inject({ method: 'POST', url: `/admin/services/${id}/files`, headers: { cookie: s.cookie, 'content-type': none.contentType }, payload: none.payload });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gk-error-summary');
    expect(bad.body).toContain('请选择要上传的文件');
    const ok = multipart([{ name: '_csrf', value: s.csrf }, { name: 'version', value: String(v) }, { name: 'material', value: MATERIAL }, { name: 'kind', value: 'sample' }, { name: 'file', filename: '样表.pdf', data: buildPdf() }]);
    const done = await t.app.inject({ method: 'POST', url: `/admin/services/${id}/files`, headers: { cookie: s.cookie, 'content-type': ok.contentType }, payload: ok.payload });
    expect(done.statusCode, done.body).toBe(303);
    const shown = await t.app.inject({ method: 'GET', url: `/admin/services/${id}`, headers: { cookie: s.cookie } });
    expect(shown.body).toContain('样表.pdf');
    const stale = await t.form(`/admin/services/${id}/files/removal`, { version: String(v), material: MATERIAL, kind: 'sample' }, { as: 'officer' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('gk-error-summary');
    const removed = await t.form(`/admin/services/${id}/files/removal`, { version: String(v + 1), material: MATERIAL, kind: 'sample' }, { as: 'officer' });
    expect(removed.statusCode, removed.body).toBe(303);
    expect((await detail()).values.materials.find((m) => m.name === MATERIAL)!.sample).toBe('');
  });
});
