// Page objects of the 主动公开 catalogue: back-office draft form and item page, statistics page, and the
// portal's item page and search.
import { expect, type Locator, type Page } from '@playwright/test';
import { AdminPage } from './AdminPages.ts';

export interface DraftFields {
  title: string;
  kindLabel: string;
  category: string;
  docNumber?: string;
  /** 成文日期 YYYY-MM-DD (table 二 counts 本年制发件数 by it) */
  madeOn?: string;
  body: string;
  attachment?: { name: string; mimeType: string; buffer: Buffer };
}

export class CatalogueDraftPage extends AdminPage {
  async goto(): Promise<void> {
    await this.page.goto('/admin/catalogue/new');
    await expect(this.heading).toContainText('目录条目');
  }

  /** Fills and saves the draft; returns the new item's id (the page redirects to the item page). */
  async create(f: DraftFields): Promise<number> {
    const form = this.page.locator('main form');
    await form.getByLabel('标题', { exact: true }).fill(f.title);
    await form.getByLabel('信息类型').selectOption({ label: f.kindLabel });
    await form.getByLabel('第二十条类别').selectOption(f.category);
    if (f.docNumber) await form.getByLabel('文号').fill(f.docNumber);
    if (f.madeOn) await form.getByLabel('成文日期').fill(f.madeOn);
    await form.getByLabel('正文').fill(f.body);
    if (f.attachment) await form.getByLabel('附件').setInputFiles(f.attachment);
    await form.getByRole('button', { name: '保存草稿' }).click();
    await expect(this.page).toHaveURL(/\/admin\/catalogue\/\d+$/);
    return Number(/\/admin\/catalogue\/(\d+)$/.exec(this.page.url())![1]);
  }
}

export class CatalogueItemAdminPage extends AdminPage {
  readonly indexNo: Locator;
  readonly flash: Locator;

  constructor(page: Page) {
    super(page);
    this.indexNo = page.getByRole('row', { name: /^索引号/ }).locator('td').first();
    this.flash = page.locator('.gk-notice, .gk-flash, [role="status"]').first();
  }

  async goto(id: number): Promise<void> {
    await this.page.goto(`/admin/catalogue/${id}`);
  }

  private actionForm(label: string): Locator {
    return this.page.locator('form.gk-action-form').filter({ has: this.page.getByRole('button', { name: label, exact: true }) });
  }

  /** Presses a workflow button (提交保密审查, 审核通过, 发布 …) and waits for the item page again. */
  async act(label: string): Promise<void> {
    await this.actionForm(label).getByRole('button', { name: label, exact: true }).click();
    await expect(this.page).toHaveURL(/\/admin\/catalogue\/\d+$/);
    await expect(this.page.locator('.gk-error-summary')).toHaveCount(0);
  }

  /** 保密审查: the reviewer records the result and its basis. */
  async recordReview(basis: string): Promise<void> {
    const f = this.actionForm('记录保密审查结果');
    await f.getByLabel('通过：可以公开').check();
    await f.getByLabel('审查依据').fill(basis);
    await this.act('记录保密审查结果');
  }

  async linkInterpretation(indexNo: string): Promise<void> {
    await this.page.getByLabel('关联政策解读（填写解读的索引号）').fill(indexNo);
    await this.page.getByRole('button', { name: '关联', exact: true }).click();
    await expect(this.page.locator('.gk-error-summary')).toHaveCount(0);
  }

  async abolish(reason: string): Promise<void> {
    const f = this.actionForm('废止');
    await f.getByLabel('已废止').check();
    await f.getByLabel('废止或失效理由').fill(reason);
    await this.act('废止');
  }
}

export class CatalogueStatsPage extends AdminPage {
  async goto(year: number): Promise<void> {
    await this.page.goto(`/admin/catalogue/stats?year=${year}&format=2021`);
    await expect(this.heading).toContainText('第二十条第（一）项');
  }

  /** A cell of table 二 第二十条第（一）项 (2021 format), e.g. ('行政规范性文件', '现行有效件数'). */
  async value(row: string, column: string): Promise<number> {
    const cell = this.page.locator(`td[data-row="${row}"][data-col="${column}"]`);
    return Number(await cell.innerText());
  }
}

export class PortalItemPage {
  readonly heading: Locator;
  readonly indexNo: Locator;
  readonly validity: Locator;

  constructor(readonly page: Page) {
    this.heading = page.locator('main h1');
    this.indexNo = page.locator('td[data-field="indexNo"]');
    this.validity = page.locator('td[data-field="validity"]');
  }

  async goto(id: number): Promise<void> {
    await this.page.goto(`/items/${id}`);
  }
}

export class PortalSearchPage {
  readonly results: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.results = page.locator('main .gk-result');
    this.count = page.locator('.gk-result-count');
  }

  async search(q: string): Promise<void> {
    await this.page.goto(`/search?q=${encodeURIComponent(q)}`);
  }
}
