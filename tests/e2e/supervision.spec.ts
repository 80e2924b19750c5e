// Journey (督查体检, the supervisor of 芝罘区): a folder of annual reports — 50 agencies generated from the real fixture
// reports (tests/builders/report-files.ts: varied table 三, broken sums, consecutive years with the 结转 kept or broken,
// damaged files) and every real report in tests/fixtures/reports — is uploaded through the page's folder picker; the run
// shows per-report, per-agency and cross-year findings with their numbers; one finding is confirmed and one dismissed
// with a reason; the XLSX (opened with exceljs) and the 通报 PDF (pdftotext, pdffonts, pdftoppm) download; the overview
// shows the agencies × years; a finding of the 向阳街道 report is sent for rectification, the 街道 officer finds it in
// the 工作台 and answers with a corrected report, the supervisor sees it audited clean and resolves the rectification.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { agencyReportSet, textReport } from '../builders/report-files.ts';
import { signInAs } from './pages/SignInPage.ts';
import { axeScan, describeViolations } from './support/axe.ts';

const ROOT = process.cwd();
const STREET = '烟台市芝罘区向阳街道办事处';
const TITLE = '2019—2024年度报告督查（演示）';
// 74 files: 65 generated (clean 44, with errors 11, unreadable 10) and the 9 fixture files (clean 6, unreadable 3: the
// 平潭 text copies whose table 二 digits run together)
const SUMMARY = { reports: 74, clean: 50, withErrors: 11, unreadable: 13 };

test.use({ bypassCSP: true, actionTimeout: 15_000 }); // axe-core is injected as a script

async function accessible(page: Page): Promise<void> {
  const v = await axeScan(page);
  expect(v, describeViolations(v)).toEqual([]);
}

/** The folder a supervisor would pick: generated/ and fixtures/<slug>/<file>. */
function writeFolder(dir: string) {
  const set = agencyReportSet(ROOT, 50, STREET);
  const folder = path.join(dir, '年度报告');
  mkdirSync(path.join(folder, 'generated'), { recursive: true });
  for (const f of set.files) writeFileSync(path.join(folder, 'generated', f.filename), f.bytes);
  // what else lies in such a folder is skipped, as in a zip
  writeFileSync(path.join(folder, '.DS_Store'), 'Bud1');
  writeFileSync(path.join(folder, 'generated', '报送情况.xlsx'), 'not a report');
  const fixtures = path.join(ROOT, 'tests/fixtures/reports');
  for (const slug of readdirSync(fixtures)) {
    if (!statSync(path.join(fixtures, slug)).isDirectory()) continue;
    mkdirSync(path.join(folder, 'fixtures', slug), { recursive: true });
    for (const f of readdirSync(path.join(fixtures, slug))) if (f !== 'expected.json') copyFileSync(path.join(fixtures, slug, f), path.join(folder, 'fixtures', slug, f));
  }
  return { set, folder };
}

test('supervision: folder upload → findings → triage → XLSX and 通报 PDF → overview → rectification by the agency → resolved', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-supervision-'));
  try {
    const { set, folder } = writeFolder(dir);
    expect(set.files).toHaveLength(65);

    // the supervisor uploads the folder
    await signInAs(page, 'supervisor');
    await page.goto('/admin/supervision');
    await expect(page.locator('main h1')).toHaveText('督查体检');
    await accessible(page);
    await page.getByLabel('名称').fill(TITLE);
    await page.getByLabel('或选择一个文件夹').setInputFiles(folder);
    // 74 files read and checked in the request (the PDF alone takes seconds on a loaded machine)
    await page.getByRole('button', { name: '开始体检' }).click({ timeout: 120_000 });
    await expect(page).toHaveURL(/\/admin\/supervision\/runs\/\d+$/);
    const runUrl = page.url();
    await expect(page.locator('main h1')).toHaveText(TITLE);
    await expect(page.getByText(`体检完成：${SUMMARY.reports} 份报告，${SUMMARY.withErrors} 份有错误，${SUMMARY.unreadable} 份未能完整读取`)).toBeVisible();
    for (const [k, v] of Object.entries(SUMMARY)) await expect(page.locator(`[data-summary="${k}"]`)).toHaveText(String(v));
    await accessible(page);

    // per report: the files with their folder, agency, year and status
    const reportRow = (file: string) => page.locator('tr', { has: page.getByRole('link', { name: file, exact: true }) });
    await expect(reportRow('年度报告/fixtures/huaian-2024/source.pdf')).toContainText('淮安市人民政府');
    await expect(reportRow('年度报告/fixtures/zhifu-approval-2019/source.txt')).toContainText('烟台市芝罘区行政审批服务局');
    await page.locator('#field-status').selectOption('findings');
    await page.getByRole('button', { name: '筛选' }).click();
    await expect(page.locator('#compare-form table.gk-table tbody tr')).toHaveCount(SUMMARY.withErrors);
    const streetFile = `年度报告/generated/${STREET}2020年政府信息公开工作年度报告.txt`;
    await expect(reportRow(streetFile)).toContainText('有错误');

    // cross-year: 南湖区财政局 2019 → 2020 with its 结转 broken; 东城区财政局 consistent
    await expect(page.locator('#cross-year + ul')).toContainText('演示市南湖区财政局：2019 → 2020，2 条结果');
    await expect(page.locator('#cross-year + ul')).toContainText('演示市东城区财政局：2019 → 2020，一致');
    const x1 = page.locator('li.gk-finding', { hasText: '二、上年结转 3（2020 年度报告）≠ 四、结转下年度继续办理 2（2019 年度报告）' }).first();
    await expect(x1).toContainText('[X1]');

    // per agency: reports and years, statuses, errors, warnings, cross-year results; an agency's link lists its reports
    const agencyRow = (name: string) => page.locator(`table[aria-labelledby="by-agency"] tr[data-agency="${name}"] td`);
    await expect(agencyRow(STREET)).toHaveText(['2019、2020', '2', '1', '1', '0', '4', /^\d+$/, '0']);
    await expect(agencyRow('演示市南湖区财政局')).toHaveText(['2019、2020', '2', '2', '0', '0', '0', /^\d+$/, '2']);
    await expect(agencyRow('演示市北山区民政局')).toHaveText(['2020', '1', '0', '0', '1', /^\d+$/, /^\d+$/, '0']);
    // first the agencies whose reports have rule errors (not the unreadable ones)
    await expect(page.locator('table[aria-labelledby="by-agency"] tr[data-agency] td:nth-child(4)').first()).toHaveText('1');
    await page.locator(`table[aria-labelledby="by-agency"] tr[data-agency="${STREET}"]`).getByRole('link', { name: STREET }).click();
    await expect(page.locator('#reports')).toHaveText(`报告：${STREET}`);
    await expect(page.locator('#compare-form table.gk-table tbody tr')).toHaveCount(2);

    // the 向阳街道 2020 report (from the agency's reports): the broken column with its numbers
    await reportRow(streetFile).getByRole('link').click();
    await expect(page.locator('main h1')).toHaveText(`${STREET} 2020 年度`);
    const e1 = page.locator('li.gk-finding', { hasText: '表三 自然人列: 一+二 (40+3=43) ≠ （七）总计+四 (43+2=45)' });
    const i2 = page.locator('li.gk-finding', { hasText: '表三 总计列: （七）总计 (48) ≠ 各办理结果之和 (46)' });
    const e1Total = page.locator('li.gk-finding', { hasText: '表三 总计列: 一+二 (46+3=49) ≠ （七）总计+四 (48+3=51)' });
    await expect(e1).toContainText('勾稽规则');
    await accessible(page);

    // triage: confirm one, dismiss one — first without a reason (refused in plain words), then with one
    await e1.getByText('处理这条结果').click();
    await e1.getByLabel('结论').selectOption('confirmed');
    await e1.getByRole('button', { name: '保存结论' }).click();
    await expect(e1.locator('[data-decision]')).toHaveText('已确认');
    await i2.getByText('处理这条结果').click();
    await i2.getByLabel('结论').selectOption('dismissed');
    await i2.getByRole('button', { name: '保存结论' }).click();
    // the page again with the form open at that finding, the message beside the field and in the summary
    await expect(page.locator('.gk-error-summary')).toContainText('排除一条体检结果须写明理由');
    await expect(i2.locator('details')).toHaveAttribute('open', '');
    await expect(i2.locator('.gk-error-message')).toContainText('排除一条体检结果须写明理由');
    await accessible(page);
    await i2.getByLabel('结论').selectOption('dismissed');
    await i2.getByLabel('理由').fill('与自然人列的错误同源，不重复通报');
    await i2.getByRole('button', { name: '保存结论' }).click();
    await expect(i2.locator('[data-decision]')).toHaveText('已排除');
    await expect(i2).toContainText('与自然人列的错误同源，不重复通报');

    // the workbook: summaries by agency, by rule, cross-year; one sheet per report with the findings on their cells
    await page.goto(runUrl);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Excel 工作簿' }).click()]);
    const xlsxFile = path.join(dir, 'run.xlsx');
    await xlsx.saveAs(xlsxFile);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxFile);
    expect(wb.worksheets.slice(0, 3).map((w) => w.name)).toEqual(['按机关汇总', '按规则汇总', '跨年核对']);
    expect(wb.worksheets).toHaveLength(3 + SUMMARY.reports);
    const sheet = wb.getWorksheet(`${STREET}2020`)!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const e1Row = rows.findIndex((r) => String(r[4]).includes('一+二 (40+3=43)'));
    expect(e1Row).toBeGreaterThan(0);
    const cellOfE1 = sheet.getRow(e1Row + 1).getCell(5);
    expect(String(cellOfE1.value)).toContain('table3|');
    expect(JSON.stringify(cellOfE1.note)).toContain('E1');
    const byAgency = wb.getWorksheet('按机关汇总')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(byAgency.some((r) => String(r[4]).includes('通过 50，有错误 11，未能完整读取 13'))).toBe(true);
    const crossRows = wb.getWorksheet('跨年核对')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(crossRows.filter((r) => r[1] === '演示市南湖区财政局' && r[3] === 'X1')).toHaveLength(2);

    // the 通报: confirmed findings only, CJK font embedded; its pages rendered for a look
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载通报/ }).click()]);
    const pdfFile = path.join(dir, 'notice.pdf');
    await pdf.saveAs(pdfFile);
    // pdftotext breaks the lines of the page: compared without white space
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString().replace(/\s+/g, '');
    const has = (t: string) => expect(text).toContain(t.replace(/\s+/g, ''));
    has('关于2019—2024年度政府信息公开工作年度报告检查情况的通报');
    has('烟台市芝罘区人民政府');
    has('一、检查范围 本次检查2019—2024年度政府信息公开工作年度报告 74 份，涉及 48 个机关（另有 6 份未能识别机关）');
    has('并对同一机关相邻年度的报告进行了衔接核对（15 对）');
    has('二、总体情况 检查报告 通过 有错误 未能完整读取 74 50 11 13');
    has(`三、存在的问题 以下仅列经核实确认（含已交整改）的问题；待定和已排除的结果不列入。 （一）${STREET} 1. 2020年度报告：表三 自然人列: 一+二 (40+3=43) ≠ （七）总计+四 (43+2=45)`);
    has('规则 E1：表三每列：一+二 = （七）总计+四');
    has('四、未能完整读取的报告');
    has('五、有关要求');
    expect(text).not.toContain('年度年度');
    expect(text).not.toContain('（七）总计(48)≠各办理结果之和(46)'); // dismissed
    const fonts = execFileSync('pdffonts', [pdfFile]).toString();
    expect(fonts).toMatch(/NotoSansSC\S*\s+\S+.*\byes\b/);
    const out = process.env.SUPERVISION_PDF_PNG ?? path.join(dir, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '60', pdfFile, out]);

    // the overview: the agencies below × years with their states
    await page.goto('/admin/supervision/overview?year=2020');
    await expect(page.locator('main h1')).toHaveText('2020 年度政府信息公开工作年度报告总览');
    const agencyOf = (name: string) => page.locator('tbody tr', { has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(agencyOf('烟台市芝罘区行政审批服务局').locator('td[data-year="2019"]')).toHaveText('已公布 错误 0，警告 1');
    await expect(agencyOf(STREET).locator('td[data-year="2020"]')).toHaveText('未开始·逾期');
    await expect(agencyOf('向阳街道演示社区居民委员会').locator('td').first()).toHaveText(STREET);
    await accessible(page);

    // rectification: the supervisor sends the 总计列 finding of the 向阳街道 report to the 街道
    await page.goto(`${runUrl}?agency=${encodeURIComponent(STREET)}#reports`);
    await reportRow(streetFile).getByRole('link').click();
    await e1Total.getByText('处理这条结果').click();
    await e1Total.getByLabel('交机关整改：整改要求').fill('表三总计列与各办理结果之和不符，请核对后更正报告');
    await e1Total.getByRole('button', { name: '交机关整改' }).click();
    await expect(page.getByText(`已交${STREET}整改`)).toBeVisible();
    await expect(e1Total.locator('[data-decision]')).toHaveText('已交整改');
    await expect(e1Total.locator('[data-rectification]')).toHaveText('待机关整改');
    const rectUrl = new URL((await e1Total.getByRole('link', { name: /^整改#\d+$/ }).getAttribute('href'))!, page.url()).href;

    // the 街道 officer finds it in the 工作台 and answers with the corrected report
    await signInAs(page, 'xiangyang');
    await page.goto('/admin');
    const item = page.getByRole('link', { name: /2020年度报告：表三 总计列: 一\+二 \(46\+3=49\)/ });
    await expect(item).toBeVisible();
    await item.click();
    await expect(page).toHaveURL(rectUrl);
    await expect(page.locator('[data-state]')).toHaveText('待整改');
    await accessible(page);
    const options = set.files.find((f) => f.agency === STREET && f.year === 2020)!.options!;
    const corrected = textReport(ROOT, { ...options, brokenTotal: false });
    await page.getByLabel('整改情况').fill('已核对表三，更正（七）总计行并重新公布');
    await page.getByLabel('更正后的报告').setInputFiles({ name: corrected.filename, mimeType: 'text/plain', buffer: Buffer.from(corrected.bytes) });
    await page.getByRole('button', { name: '提交整改反馈' }).click();
    await expect(page.locator('[data-state]')).toHaveText('已反馈，待审核');
    await page.goto('/admin');
    await expect(item).toHaveCount(0);

    // the supervisor: the answer in the 工作台, the corrected report audited clean; resolved; the finding shows it
    await signInAs(page, 'supervisor');
    await page.goto('/admin');
    await page.getByRole('link', { name: `${STREET}的整改反馈` }).click();
    await expect(page.getByText(/更正后的报告：.*通过 错误 0/)).toBeVisible();
    await page.getByRole('button', { name: '办结' }).click();
    await expect(page.locator('[data-state]')).toHaveText('已办结');
    await page.goto(runUrl);
    await page.locator(`table[aria-labelledby="by-agency"] tr[data-agency="${STREET}"]`).getByRole('link', { name: STREET }).click();
    await expect(page.locator('#compare-form table.gk-table tbody tr')).toHaveCount(3);
    await expect(reportRow(corrected.filename)).toContainText('整改后的报告');
    await reportRow(streetFile).getByRole('link').click();
    await expect(e1Total.locator('[data-rectification]')).toHaveText('整改已办结');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
