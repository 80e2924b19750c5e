// Journey (issue 6, 主动公开): an officer drafts a 行政规范性文件 with an attachment (and its 政策解读, which
// 同步发布 requires), the reviewer records the 保密审查, the leader approves, the officer publishes; the item
// appears on the portal with its 索引号 and is found by a 2-character search; abolishing it changes the
// 现行有效件数 of table 二 第二十条第（一）项.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { SignInPage } from './pages/SignInPage.ts';
import { CatalogueDraftPage, CatalogueItemAdminPage, CatalogueStatsPage, PortalItemPage, PortalSearchPage } from './pages/CataloguePages.ts';
import { axeScan, describeViolations } from './support/axe.ts';

// axe is injected by the test: the test context bypasses CSP (the pages themselves are unchanged).
test.use({ bypassCSP: true });

const PASSWORD = 'demo12345';
// A minimal but real PDF (checked by content on upload: a renamed file would be rejected).
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
// 2 characters that no demo item contains, so the search result is this journey's item.
const TERM = '夜市';
const TITLE = `关于规范${TERM}摊点经营管理的通知`;
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const YEAR = Number(TODAY.slice(0, 4));

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const s = new SignInPage(page);
  await s.goto();
  await s.signIn(username, PASSWORD);
  await expect(page).toHaveURL(/\/admin\/?$/);
  return page;
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const v = await axeScan(page);
  expect(v, describeViolations(v)).toEqual([]);
}

test('officer → reviewer → leader → portal: publish, find by 2 characters, abolish changes 现行有效', async ({ browser, page: portal }) => {
  const officer = await signedIn(browser, 'officer');
  const reviewer = await signedIn(browser, 'reviewer');
  const leader = await signedIn(browser, 'leader');

  const stats = new CatalogueStatsPage(officer);
  await stats.goto(YEAR);
  const validBefore = await stats.value('行政规范性文件', '现行有效件数');
  const madeBefore = await stats.value('行政规范性文件', '本年制发件数');

  // 1. the officer drafts the document with its attachment, and its 政策解读
  const draft = new CatalogueDraftPage(officer);
  await draft.goto();
  await expectNoAxeViolations(officer);
  const docId = await draft.create({ title: TITLE, kindLabel: '行政规范性文件', category: '1', docNumber: `芝审批发〔${YEAR}〕9号`, madeOn: TODAY, body: `为规范${TERM}摊点经营秩序，方便群众生活，制定本通知。\n本通知自发布之日起施行。`, attachment: { name: '夜市摊点设置点位表.pdf', mimeType: 'application/pdf', buffer: PDF } });
  const item = new CatalogueItemAdminPage(officer);
  const indexNo = (await item.indexNo.innerText()).trim();
  expect(indexNo).toMatch(/^[0-9A-Z]{18}\/\d{4}-\d{5}$/);
  await expect(officer.getByRole('link', { name: '夜市摊点设置点位表', exact: true })).toBeVisible();

  await draft.goto();
  const interpId = await draft.create({ title: `《${TITLE.slice(2, -3)}》政策解读`, kindLabel: '政策解读', category: '1', body: '一、制定背景。二、主要内容。三、施行时间。' });
  const interpIndexNo = (await item.indexNo.innerText()).trim();

  await item.goto(docId);
  await item.linkInterpretation(interpIndexNo);
  for (const id of [docId, interpId]) {
    await item.goto(id);
    await item.act('提交保密审查');
  }

  // 2. the reviewer records the 保密审查 (nothing publishes without it)
  const rv = new CatalogueItemAdminPage(reviewer);
  for (const id of [docId, interpId]) {
    await rv.goto(id);
    await expect(reviewer.getByRole('button', { name: '发布', exact: true })).toHaveCount(0);
    await rv.recordReview('经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私');
  }

  // 3. the leader approves
  const ld = new CatalogueItemAdminPage(leader);
  for (const id of [docId, interpId]) {
    await ld.goto(id);
    await ld.act('审核通过');
  }

  // 4. the officer publishes the document; its approved 解读 is published with it the same day
  await item.goto(docId);
  await item.act('发布');
  await expect(officer.getByRole('row', { name: /^发布日期/ }).locator('td')).not.toHaveText('未发布');

  // 5. the portal shows it with its 索引号, its attachment and its 解读, and finds it by 2 characters
  const pi = new PortalItemPage(portal);
  await pi.goto(docId);
  await expect(pi.heading).toHaveText(TITLE);
  await expect(pi.indexNo).toHaveText(indexNo);
  await expect(pi.validity).toHaveText('有效');
  await expect(portal.getByRole('link', { name: '夜市摊点设置点位表', exact: true })).toBeVisible();
  await expect(portal.getByRole('link', { name: /政策解读/ })).toBeVisible();
  await expectNoAxeViolations(portal);

  const search = new PortalSearchPage(portal);
  await search.search(TERM);
  // the document and its 解读 (same day; title hits, newest first) — nothing else contains 夜市
  await expect(search.results).toHaveCount(2);
  const hit = search.results.filter({ hasText: indexNo });
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText(TITLE);
  await expect(hit.locator('mark').first()).toHaveText(TERM);
  await expectNoAxeViolations(portal);

  await stats.goto(YEAR);
  expect(await stats.value('行政规范性文件', '本年制发件数')).toBe(madeBefore + 1);
  expect(await stats.value('行政规范性文件', '现行有效件数')).toBe(validBefore + 1);

  // 6. abolishing it changes the 现行有效 count; the item stays public, marked 已废止
  await item.goto(docId);
  await item.abolish('被新的管理规定取代');
  await stats.goto(YEAR);
  expect(await stats.value('行政规范性文件', '现行有效件数')).toBe(validBefore);
  expect(await stats.value('行政规范性文件', '本年废止件数')).toBeGreaterThanOrEqual(1);
  await pi.goto(docId);
  await expect(pi.validity).toContainText('已废止');
});
