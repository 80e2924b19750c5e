// The portal as a picture, at desktop (1366×900) and phone (390×844) width: labels, dates, 文号 and 索引号 parts
// never break mid-word; the annual report's table 三 scrolls sideways on a phone instead of being squeezed into
// one-character columns, and the report page draws its tables without a single CSP violation.
import { expect, test, type Page } from '@playwright/test';

const sizes = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** For each element matching `selector` that has text: the text and how many lines it is laid out on. */
async function lines(page: Page, selector: string): Promise<Array<{ text: string; lines: number }>> {
  return page.locator(selector).evaluateAll((els) => els.filter((el) => (el.textContent ?? '').trim() !== '').map((el) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    const tops: number[] = [];
    for (const rect of Array.from(r.getClientRects())) {
      if (rect.width === 0) continue;
      if (!tops.some((t) => Math.abs(t - rect.top) < 4)) tops.push(rect.top);
    }
    return { text: (el.textContent ?? '').trim(), lines: tops.length };
  }));
}

for (const size of sizes) {
  test.describe(`portal at ${size.name} width`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('item list: dates, 文号, 有效性, headers and 索引号 parts each on one line', async ({ page }) => {
      await page.goto('/proactive');
      const cells = [
        ...(await lines(page, 'main table.gk-item-list td[data-label="发布日期"]')),
        ...(await lines(page, 'main table.gk-item-list td[data-label="有效性"]')),
        ...(await lines(page, 'main table.gk-item-list td[data-label="文号"]:not(:empty)')),
        ...(await lines(page, 'main table.gk-item-list .gk-nowrap')),
      ];
      expect(cells.length).toBeGreaterThan(40);
      expect(cells.filter((c) => c.lines !== 1)).toEqual([]);
      if (size.name === 'desktop') expect((await lines(page, 'main table.gk-item-list thead th')).filter((c) => c.lines !== 1)).toEqual([]);
    });

    test('item page: every metadata label and date on one line', async ({ page }) => {
      await page.goto('/proactive');
      await page.locator('main table a[href^="/items/"]').first().click();
      const labels = await lines(page, '.gk-meta-table th');
      expect(labels.map((l) => l.text)).toEqual(expect.arrayContaining(['索引号', '主题分类', '发布机构', '成文日期', '文号', '发布日期', '有效性', '信息类别', '名称']));
      expect(labels.filter((l) => l.lines !== 1)).toEqual([]);
      expect((await lines(page, '.gk-meta-table td.gk-nowrap, .gk-meta-table .gk-nowrap')).filter((l) => l.lines !== 1)).toEqual([]);
    });

    test('home: the latest items with their dates on one line', async ({ page }) => {
      await page.goto('/');
      const dates = await lines(page, '.gk-latest__date');
      expect(dates.length).toBe(8);
      expect(dates.filter((d) => d.lines !== 1)).toEqual([]);
    });

    test('annual report page: no CSP violation, bordered tables; on a phone table 三 scrolls with readable columns', async ({ page }) => {
      const violations: string[] = [];
      page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
      await page.goto('/reports');
      await page.locator('main a[href^="/reports/"]').first().click();
      const table3 = page.locator('.gk-report-table--table3');
      await expect(table3).toBeVisible();
      expect(violations).toEqual([]);
      const border = await table3.locator('td.gk-num').first().evaluate((td) => getComputedStyle(td).borderTopStyle);
      expect(border).toBe('solid');
      const region = table3.locator('.gk-table-scroll');
      const { scrollWidth, clientWidth } = await region.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
      const narrowest = Math.min(...(await table3.locator('td.gk-num').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().width))));
      // at least two characters of the 16px text fit in every number column
      expect(narrowest).toBeGreaterThanOrEqual(28);
      if (size.name === 'phone') {
        expect(scrollWidth).toBeGreaterThan(clientWidth);
        await expect(table3.locator('.gk-scroll-hint')).toBeVisible();
      }
    });
  });
}
