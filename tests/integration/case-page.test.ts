// The 依申请公开 case page as an officer and a reviewer meet it: every id on the page unique and every label
// bound to its field; a refused action comes back on the page with its form open, what was typed kept and
// each problem next to its field plus an error summary (no flash); after 退回修改 the reply form holds the
// returned draft; 其他处理 cites its article; the API keeps answering problem+json with field errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, engines, type TestApp } from './harness.ts';

const applicant = { type: 'natural_person', name: '周七', idType: '居民身份证', idNumber: '370602198001012341', phone: '13700000007', address: '烟台市芝罘区某路7号' };

/** Problems with the ids of a page: duplicates, labels without their field, aria-describedby pointing nowhere. */
export function idProblems(html: string): string[] {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.push(`duplicate id ${id}`);
    seen.add(id);
  }
  for (const m of html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)) if (!seen.has(m[1]!)) problems.push(`label for missing ${m[1]}`);
  for (const m of html.matchAll(/aria-describedby="([^"]+)"/g)) for (const id of m[1]!.split(' ')) if (!seen.has(id)) problems.push(`aria-describedby missing ${id}`);
  for (const m of html.matchAll(/<a href="#(field-[^"]+)"/g)) if (!seen.has(m[1]!)) problems.push(`summary link to missing ${m[1]}`);
  return problems;
}

/** The action forms open on the page (data-action of forms inside an open <details>). */
function openForms(html: string): string[] {
  return [...html.matchAll(/<details class="gk-details gk-action" open="">[\s\S]*?data-action="(\w+)"/g)].map((m) => m[1]!);
}

describe.each(engines())('case page (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine); });
  afterAll(async () => t?.close());

  async function register(content: string): Promise<number> {
    const today = t.services.applications.today();
    const r = await t.api('POST', '/api/applications/offline', { as: 'officer', body: { applicant, content, provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: today } });
    expect(r.statusCode, r.body).toBe(201);
    return (r.json() as { id: number }).id;
  }
  const version = async (id: number) => ((await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { version: number }).version;
  async function page(id: number, as: string): Promise<string> {
    const s = await t.login(as);
    const r = await t.app.inject({ method: 'GET', url: `/admin/applications/${id}`, headers: { cookie: s.cookie } });
    expect(r.statusCode).toBe(200);
    return r.body;
  }
  const post = (id: number, action: string, fields: Record<string, string>, as = 'officer'): Promise<LightMyRequestResponse> =>
    t.form(`/admin/applications/${id}/actions/${action}`, fields, { as });

  it('every id is unique and every label, description and summary link finds its field (officer, reviewer)', async () => {
    const id = await register('请公开本局2025年行政许可办件统计');
    const officer = await page(id, 'officer');
    expect(officer).toContain('data-action="requestCorrection"');
    expect(idProblems(officer)).toEqual([]);
    // the reviewer's two boxes (审核意见, 退回理由) have their own ids and labels
    const draft = await t.api('POST', `/api/applications/${id}/reply`, { as: 'officer', body: { version: await version(id), outcome: 'disclose', reasons: null } });
    expect(draft.statusCode, draft.body).toBe(200);
    const reviewer = await page(id, 'reviewer');
    expect(idProblems(reviewer)).toEqual([]);
    expect(reviewer).toMatch(/<label class="gk-label" for="field-approveReply-note">审核意见/);
    expect(reviewer).toMatch(/<label class="gk-label" for="field-returnReply-note">退回理由/);
    expect(reviewer).toMatch(/<textarea[^>]*id="field-approveReply-note"[^>]*name="note"/);
    expect(reviewer).toMatch(/<textarea[^>]*id="field-returnReply-note"[^>]*name="note"/);
  });

  it.each([
    // [action, fields, status, field with the message, message, a typed value that must come back]
    ['requestExtension', { days: '30', reason: '需要汇总三个系统的数据' }, 400, 'days', '延长的期限最长不得超过20个工作日', '需要汇总三个系统的数据'],
    ['requestExtension', { days: '5', reason: '' }, 400, 'reason', '请填写延期理由', 'value="5"'],
    ['requestCorrection', { items: '。\n', periodWorkdays: '15' }, 400, 'items', '补正事项至少要有2个文字或数字', 'value="15"'],
    ['reply', { outcome: 'withhold_state_secret', reasons: '' }, 400, 'reasons', '必须说明理由', '<option value="withhold_state_secret" selected="">'],
    ['reply', { outcome: 'other', reasons: '申请人要求的事项另有程序' }, 400, 'reasons', '请在理由和说明中写明所依据的条款', '申请人要求的事项另有程序</textarea>'],
    ['startConsultation', { partyType: 'co_agency', party: '', matter: '会签文件' }, 400, 'party', '请填写征求对象名称', 'checked="" value="co_agency"'],
  ] as const)('%s with %j answers %i: the form open, the message next to its field and in the summary, typed values kept', async (action, fields, status, field, message, kept) => {
    const id = await register(`请公开本局2025年${action}办件统计`);
    const r = await post(id, action, { version: String(await version(id)), ...fields });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(status);
    expect(r.headers['set-cookie'] ?? '').not.toContain('gk_flash');
    expect(r.body).toContain('gk-error-summary');
    expect(r.body).toMatch(new RegExp(`<a href="#field-${action}-${field}">[^<]*${message}`));
    expect(r.body).toMatch(new RegExp(`id="field-${action}-${field}-error"[^>]*>[\\s\\S]{0,80}${message}`));
    expect(r.body).toContain(kept);
    expect(openForms(r.body)).toContain(action);
    expect(idProblems(r.body)).toEqual([]);
    // nothing was recorded
    const events = (await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { ledger: { kind: string }[] };
    expect(events.ledger.map((e) => e.kind)).toEqual(['registered']);
  });

  it('a stale form (someone else acted first) comes back with the conflict in the summary, the typed reason kept', async () => {
    const id = await register('请公开本局2025年政府采购合同');
    const v = String(await version(id));
    expect((await post(id, 'assign', { version: v, userId: String((await t.db.selectFrom('users').select('id').where('username', '=', 'officer').executeTakeFirstOrThrow()).id) })).statusCode).toBe(303);
    const r = await post(id, 'requestExtension', { version: v, days: '10', reason: '材料分散在档案室' });
    expect(r.statusCode).toBe(409);
    expect(r.body).toMatch(/gk-error-summary[\s\S]*已被他人修改/);
    expect(r.body).toContain('材料分散在档案室');
    expect(idProblems(r.body)).toEqual([]);
  });

  it('the API keeps answering problem+json with the field named', async () => {
    const id = await register('请公开本局2025年信访件统计');
    const r = await t.api('POST', `/api/applications/${id}/reply`, { as: 'officer', body: { version: await version(id), outcome: 'other', reasons: '另有程序' } });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const body = r.json() as { errors: { field: string; message: string }[] };
    expect(body.errors).toEqual([expect.objectContaining({ field: 'reasons', message: expect.stringContaining('写明所依据的条款') })]);
    const ok = await t.api('POST', `/api/applications/${id}/reply`, { as: 'officer', body: { version: await version(id), outcome: 'other', reasons: '依据《中华人民共和国政府信息公开条例》第三十三条，本机关告知如下。' } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('其他处理 in the reply choices says where its article is; every other choice names its article', async () => {
    const id = await register('请公开本局2025年行政复议统计');
    const html = await page(id, 'officer');
    const options = [...html.matchAll(/<option value="(\w+)">([^<]+)<\/option>/g)].filter((m) => m[1] !== '' && html.indexOf(m[0]) > html.indexOf('data-action="reply"'));
    expect(options.length).toBeGreaterThan(15);
    for (const [, code, label] of options) {
      if (code === 'other') expect(label).toBe('其他处理（表三（六）3）— 依据的条例条款在理由中写明');
      else expect(label, code).toMatch(/— 条例第.+条/);
    }
  });

  it('after 退回修改 the reply form opens with the returned draft (outcome and text)', async () => {
    const id = await register('请公开本局2025年行政许可决定书');
    const reasons = '涉及第三方商业秘密的部分不予公开（条例第十五条）。';
    const r1 = await post(id, 'reply', { version: String(await version(id)), outcome: 'partial', reasons });
    expect(r1.statusCode).toBe(303);
    const r2 = await post(id, 'returnReply', { version: String(await version(id)), note: '请写明不予公开部分的具体范围' }, 'reviewer');
    expect(r2.statusCode).toBe(303);
    const html = await page(id, 'officer');
    expect(openForms(html)).toContain('reply');
    expect(html).toContain('<option value="partial" selected="">');
    expect(html).toMatch(new RegExp(`<textarea[^>]*id="field-reply-reasons"[^>]*>${reasons.replace(/[()（）.]/g, '.')}</textarea>`));
    expect(html).toContain('已填入退回修改前的答复');
  });

  it('notes typed with an action are in 办理记录; outside the handling agency the applicant’s data in them is masked', async () => {
    const id = await register('请公开关于那个项目的文件');
    const ok = (r: LightMyRequestResponse) => expect(r.statusCode, r.body.slice(0, 300)).toBe(303);
    ok(await post(id, 'requestCorrection', { version: String(await version(id)), items: '请写明项目名称', periodWorkdays: '15' }));
    ok(await post(id, 'recordCorrection', { version: String(await version(id)), note: '周七补正：芝罘区幸福路改造项目的施工许可' }));
    ok(await post(id, 'reply', { version: String(await version(id)), outcome: 'partial', reasons: '施工许可予以公开；周七以外的第三方信息不予公开（条例第十五条）。' }));
    ok(await post(id, 'returnReply', { version: String(await version(id)), note: '请写明不予公开部分的范围' }, 'reviewer'));
    ok(await post(id, 'reply', { version: String(await version(id)), outcome: 'partial', reasons: '施工许可予以公开；第三方的商业信息不予公开（条例第十五条）。' }));
    ok(await post(id, 'approveReply', { version: String(await version(id)), note: '同意，注意送达周七本人' }, 'reviewer'));
    const timeline = (html: string) => html.slice(html.indexOf('id="case-timeline"'));
    const officer = timeline(await page(id, 'officer'));
    for (const text of ['补正事项：请写明项目名称', '补正内容：周七补正：芝罘区幸福路改造项目的施工许可', '理由和说明：施工许可予以公开；周七以外的第三方信息不予公开', '退回理由：请写明不予公开部分的范围', '审核意见：同意，注意送达周七本人']) {
      expect(officer, text).toContain(text);
    }
    const supervisor = timeline(await page(id, 'supervisor'));
    expect(supervisor).toContain('补正内容：周*补正：芝罘区幸福路改造项目的施工许可');
    expect(supervisor).toContain('审核意见：同意，注意送达周*本人');
    expect(supervisor).not.toContain('周七');
    const api = await t.api('GET', `/api/applications/${id}`, { as: 'supervisor' });
    expect(api.statusCode).toBe(200);
    expect(api.body).not.toContain('周七');
  });

  it('待补正: the card says when the 补正 was asked, the period and its last day once, that the clock stands still and restarts on receipt', async () => {
    const id = await register('请公开关于那个文件');
    // asked on the day of receipt: no "第0个工作日"
    expect((await post(id, 'requestCorrection', { version: String(await version(id)), items: '请写明文件名称', periodWorkdays: '15' })).statusCode).toBe(303);
    const detail = (await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { receivedOn: string; applicantDue: string };
    const html = await page(id, 'officer');
    const card = /<section[^>]*data-testid="correction-card"[\s\S]*?<\/section>/.exec(html)![0];
    const visible = card.replace(/<details[\s\S]*<\/details>/, '');
    expect(visible).toContain('答复期限暂停计算：等待申请人补正');
    expect(visible).toMatch(new RegExp(`补正告知发出日期</th><td[^>]*>${detail.receivedOn}<`));
    expect(visible).toMatch(new RegExp(`补正期限</th><td[^>]*>15 个工作日，至 ${detail.applicantDue}<`));
    expect(visible.split(detail.applicantDue).length - 1).toBe(1);
    expect(visible).toContain('收到补正后的申请之日起重新计算 20 个工作日（条例第三十条）');
    expect(html).not.toContain('第0个工作日');
    expect(card).toContain('收到申请当日');
  });

  it('after an extension is requested the case shows 延期待批 until the leader decides', async () => {
    const id = await register('请公开本局三年来的许可统计');
    expect((await post(id, 'requestExtension', { version: String(await version(id)), days: '10', reason: '需要汇总三个系统的数据' })).statusCode).toBe(303);
    const waiting = await page(id, 'officer');
    expect(waiting).toMatch(/<h1[^>]*>[\s\S]*?延期待批[\s\S]*?<\/h1>/);
    expect(waiting).toContain('申请延长答复期限 10 个工作日（理由：需要汇总三个系统的数据），等待政府信息公开工作机构负责人审批');
    expect(await page(id, 'leader')).toContain('延期待批');
    expect((await post(id, 'approveExtension', { version: String(await version(id)), note: '同意' }, 'leader')).statusCode).toBe(303);
    expect(await page(id, 'officer')).not.toContain('延期待批');
  });

  it.each([
    ['officer', '/admin/applications?view=to_confirm', '待确认收到'],
    ['reviewer', '/admin/applications?view=to_review', '答复待审核'],
  ])('the 工作台 queue links each kind to its filtered list (%s: %s)', async (user, href, label) => {
    const s = await t.login(user);
    const r = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: s.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(`<td><a href="${href.replace('?', '?')}">${label}</a></td>`);
    const list = await t.app.inject({ method: 'GET', url: href, headers: { cookie: s.cookie } });
    expect(list.statusCode).toBe(200);
  });
});
