// 区分处理 in Chromium (decision 120): the officer replies 部分公开 to a case with a PDF holding a third party's
// 身份证号 and mobile number (CJK text, embedded font), opens the file's redaction view from the case page, accepts
// both suggestions, draws one box with the mouse over a name (reason 第十五条 个人隐私) and selects another name
// in the page's text layer; the reviewer compares
// the original and the redacted pages side by side and approves; the applicant downloads the redacted PDF from the
// status page, and the letter states the 区分处理. The delivered file: black where the boxes are (pixels read from
// its pdftoppm rendering, also kept as a PNG in test-results), the same page count and size, and neither its text
// (pdftotext) nor any of its streams decompressed holds a redacted string.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { idCheckCharacter } from '../../src/core/validation/index.ts';
import { bytesHold, cjkPdf, pageSizes, pdftotext, regionStats } from '../builders/redaction-files.ts';
import { staffPage as staff } from './pages/SignInPage.ts';
import { axeScan, describeViolations } from './support/axe.ts';

test.use({ bypassCSP: true });

const APPLICANT_PHONE = '13512340000';
const ID = '11010519491231002' + idCheckCharacter('11010519491231002');
const MOBILE = '13912345678';
const NAME = '张三丰';
/** Selected with the mouse on the page (the text layer over the image). */
const CONTACT = '李四';
/** The name's line: the officer drags a box over it (points from the page's top-left corner). */
const DRAWN = { x: 60, y: 232, w: 200, h: 30 };
/** A line that stays visible. */
const KEPT = { x: 72, y: 300, w: 200, h: 16 };

async function doAction(page: Page, action: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>) {
  const panel = page.locator(`details:has(form[data-action="${action}"])`);
  await expect(panel, `action ${action} is offered`).toHaveCount(1);
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator('summary').click();
  const form = panel.locator(`form[data-action="${action}"]`);
  if (fill) await fill(form);
  await form.locator('button').click();
  await expect(page.locator('.gk-notice--error, .gk-error-summary'), 'no error after ' + action).toHaveCount(0);
  await expect(page.locator('.gk-notice--success, .gk-notice--info').first()).toBeVisible();
}

interface Box { x: number; y: number; w: number; h: number }

test('部分公开 with 区分处理: suggestions, a drawn box, side-by-side review, only the redacted PDF delivered', async ({ browser }) => {
  test.setTimeout(240_000);
  const original = await cjkPdf([
    { x: 72, y: 80, text: '补偿协议（节选）', size: 18 },
    { x: 72, y: 140, text: `第三方身份证号：${ID}` },
    { x: 72, y: 180, text: `联系电话：${MOBILE}` },
    { x: 72, y: 240, text: `经办人：${NAME}` },
    { x: 72, y: 300, text: '补偿金额：人民币壹拾贰万元整' },
    { x: 72, y: 360, text: `联系人：${CONTACT}` },
  ], `${ID} ${MOBILE}`);
  // the checks below can fail: the original holds every string, in its text or its bytes
  expect(pdftotext(original)).toContain(ID);
  expect(pdftotext(original)).toContain(MOBILE);
  expect(pdftotext(original)).toContain(NAME);
  expect(pdftotext(original)).toContain(CONTACT);
  expect(bytesHold(original, ID) && bytesHold(original, MOBILE)).toBe(true);

  // ── a case registered at the counter (the officer's API, with the session's CSRF token)
  const officer = await staff(browser, 'officer');
  const csrf = await officer.locator('input[name="_csrf"]').first().inputValue();
  const reg = await officer.request.post('/api/applications/offline', {
    headers: { 'x-csrf-token': csrf },
    data: { applicant: { type: 'natural_person', name: '郑十五', idType: '居民身份证', idNumber: '370602199001011239', phone: APPLICANT_PHONE }, content: '请公开某项目的补偿协议', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) },
  });
  expect(reg.status(), await reg.text()).toBe(201);
  const { id, queryCode } = (await reg.json()) as { id: number; queryCode: string };

  // ── the officer replies 部分公开 with the PDF on the case page
  await officer.goto(`/admin/applications/${id}`);
  await doAction(officer, 'reply', async (f) => {
    await f.locator('select[name="outcome"]').selectOption('partial');
    await f.locator('textarea[name="reasons"]').fill('协议中第三方的个人信息不予公开（条例第十五条、第三十七条）。');
    await f.locator('input[name="attachments"]').setInputFiles({ name: '补偿协议.pdf', mimeType: 'application/pdf', buffer: original });
  });
  // ── … and opens the file's redaction view from the case page
  await officer.getByRole('link', { name: '遮盖 / 对照' }).click();
  await expect(officer.locator('main h1')).toContainText('区分处理：补偿协议.pdf');
  const did = Number(/\/disclosures\/(\d+)\/redaction$/.exec(officer.url())![1]);
  const suggestions = officer.locator('li[data-suggestion]');
  await expect(suggestions).toHaveCount(2);
  await expect(officer.locator('li[data-suggestion="id-number"]')).toContainText(ID);
  await expect(officer.locator('li[data-suggestion="phone"]')).toContainText(MOBILE);
  const a11y = await axeScan(officer);
  expect(a11y, describeViolations(a11y)).toEqual([]);
  // accept both suggestions (reason 第十五条 个人隐私, the default shown)
  for (const kind of ['id-number', 'phone']) {
    const li = officer.locator(`li[data-suggestion="${kind}"]`);
    await expect(li.getByLabel('理由', { exact: true })).toHaveValue('art15-privacy');
    await li.getByRole('button', { name: '采纳并遮盖' }).click();
    await expect(officer.locator('.gk-notice--success')).toContainText('已采纳建议');
  }
  await expect(suggestions).toHaveCount(0);

  // draw one box with the mouse on page 1 over the name, reason 第十五条 个人隐私
  const img = officer.locator('img[data-redact-page="1"]');
  await img.scrollIntoViewIfNeeded();
  const r = (await img.boundingBox())!;
  const s = r.width / 595.28;
  await officer.mouse.move(r.x + DRAWN.x * s, r.y + DRAWN.y * s);
  await officer.mouse.down();
  await officer.mouse.move(r.x + (DRAWN.x + DRAWN.w / 2) * s, r.y + (DRAWN.y + DRAWN.h / 2) * s, { steps: 5 });
  await officer.mouse.move(r.x + (DRAWN.x + DRAWN.w) * s, r.y + (DRAWN.y + DRAWN.h) * s, { steps: 5 });
  await officer.mouse.up();
  const boxForm = officer.locator('form[data-redact-form="1"]');
  for (const [f, v] of Object.entries(DRAWN)) expect(Math.abs(Number(await boxForm.locator(`input[name="${f}"]`).inputValue()) - v), f).toBeLessThan(2);
  await boxForm.getByLabel('理由', { exact: true }).selectOption({ label: '第十五条 个人隐私' });
  await boxForm.getByRole('button', { name: '遮盖此区域' }).click();
  await expect(officer.locator('.gk-notice--success')).toContainText('已添加遮盖区域');
  await expect(officer.locator('tr[data-redaction]')).toHaveCount(3);

  // select the contact's name in the text layer over the page image, as a mouse drag does (a Range over the name, then
  // the mouseup the page listens for): a real drag's start point depends on the layer's placement timing
  const line = officer.locator('[data-redact-text="1"] span', { hasText: '联系人' });
  await line.scrollIntoViewIfNeeded();
  // the page script places each line over the image once the image has its size; select only after that
  await expect(line).toHaveAttribute('style', /top:/);
  await line.evaluate((el, name) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const i = n.data.indexOf(name);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + name.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(r);
      break;
    }
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, CONTACT);
  const textForm = officer.locator('form[data-text-form="1"]');
  await expect(textForm.locator('input[name="text"]')).toHaveValue(CONTACT);
  expect(Number(await textForm.locator('input[name="nearY"]').inputValue())).toBeGreaterThan(355);
  await textForm.getByLabel('理由', { exact: true }).selectOption({ label: '第十五条 个人隐私' });
  await textForm.getByRole('button', { name: '遮盖这段文字' }).click();
  await expect(officer.locator('.gk-notice--success')).toContainText('已遮盖选中的文字');
  await expect(officer.locator('tr[data-redaction="text"]')).toHaveCount(1);
  await expect(officer.locator('tr[data-redaction]')).toHaveCount(4);
  await expect(officer.getByTestId('redaction-statement')).toContainText('《补偿协议.pdf》共遮盖四处：四处涉及个人隐私');
  const view = (await (await officer.request.get(`/api/applications/${id}/disclosures/${did}/redaction`)).json()) as { redactions: { kind: string; boxes: Box[] }[] };
  const boxes = view.redactions.flatMap((x) => x.boxes);
  expect(view.redactions.map((x) => x.kind).sort()).toEqual(['box', 'id-number', 'phone', 'text']);

  // ── the reviewer compares original and redacted, side by side, then approves
  const reviewer = await staff(browser, 'reviewer');
  await reviewer.goto(`/admin/applications/${id}/disclosures/${did}/redaction`);
  const pair = reviewer.locator('.gk-redact-pair').first();
  const [orig, redacted] = [pair.getByRole('img', { name: '第 1 页原件' }), pair.getByRole('img', { name: '第 1 页遮盖后' })];
  await expect(orig).toBeVisible();
  await expect(redacted).toBeVisible();
  const [ob, rb] = [(await orig.boundingBox())!, (await redacted.boundingBox())!];
  expect(Math.abs(ob.y - rb.y)).toBeLessThan(2); // side by side: same row
  expect(rb.x).toBeGreaterThan(ob.x + ob.width - 2);
  for (const im of [orig, redacted]) expect(await im.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(500);
  await expect(reviewer.getByRole('button', { name: '遮盖此区域' })).toHaveCount(0); // the reviewer compares, does not edit
  await reviewer.goto(`/admin/applications/${id}`);
  await doAction(reviewer, 'approveReply');
  await expect(reviewer.locator('main h1')).toContainText('已答复待送达');

  // ── the applicant downloads the redacted PDF and the letter from the status page
  const citizen = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await citizen.goto('/apply/status');
  await citizen.locator('#field-code').fill(queryCode);
  await citizen.locator('#field-phone').fill(APPLICANT_PHONE);
  await citizen.getByRole('button', { name: '查询' }).click();
  await expect(citizen.getByTestId('status-outcome')).toHaveText('部分公开');
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-redacted-'));
  try {
    const [dl] = await Promise.all([citizen.waitForEvent('download'), citizen.getByTestId('status-files').getByRole('link', { name: /补偿协议/ }).click()]);
    expect(dl.suggestedFilename()).toBe('补偿协议.pdf');
    await dl.saveAs(path.join(dir, 'out.pdf'));
    const out = readFileSync(path.join(dir, 'out.pdf'));
    expect(out.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageSizes(out)).toEqual(pageSizes(original));
    expect(pageSizes(out)).toEqual(['595x842']);
    const text = pdftotext(out);
    for (const secret of [ID, MOBILE, NAME, CONTACT, '第三方身份证号']) {
      expect(text, secret).not.toContain(secret);
      expect(bytesHold(out, secret), secret).toBe(false);
    }
    // looked at as a picture: the rendering kept for a person to see, and every box black in it
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/redaction-delivered-page1.png', execFileSync('pdftoppm', ['-r', '72', '-png', '-singlefile', '-f', '1', '-l', '1', '-'], { input: out, maxBuffer: 64 << 20 }));
    expect(boxes).toHaveLength(4);
    for (const b of boxes) {
      expect(regionStats(out, 1, { x: b.x + 2, y: b.y + 2, w: b.w - 4, h: b.h - 4 }).max, JSON.stringify(b)).toBeLessThan(40);
      // no glyph cut by a box's edge: just left and right of it the line is blank paper (a first digit left
      // showing beside the box was seen here once)
      for (const x of [b.x - 3, b.x + b.w + 1]) expect(regionStats(out, 1, { x, y: b.y + 2, w: 2, h: b.h - 4 }).min, `beside ${JSON.stringify(b)} at x ${x}`).toBeGreaterThan(180);
    }
    expect(regionStats(out, 1, { x: DRAWN.x + 2, y: DRAWN.y + 2, w: DRAWN.w - 4, h: DRAWN.h - 4 }).max).toBeLessThan(40);
    // what was not withheld is still there: the amount's line has ink and paper
    const kept = regionStats(out, 1, KEPT);
    expect(kept.mean).toBeGreaterThan(150);
    expect(kept.mean).toBeLessThan(250);

    // the letter states the 区分处理, as many parts and on the article the redactions carry
    const [letter] = await Promise.all([citizen.waitForEvent('download'), citizen.getByTestId('status-letters').getByRole('link', { name: /答复书（部分公开）/ }).click()]);
    await letter.saveAs(path.join(dir, 'letter.pdf'));
    const letterText = pdftotext(readFileSync(path.join(dir, 'letter.pdf'))).replace(/\s+/g, '');
    expect(letterText).toContain('作了区分处理');
    expect(letterText).toContain('《补偿协议.pdf》共遮盖四处：四处涉及个人隐私');
    expect(letterText).toContain('第十五条');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
