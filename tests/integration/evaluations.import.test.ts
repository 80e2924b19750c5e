// Import of device and provincial-platform exports on both engines: CSV (UTF-8 and GB18030) and XLSX with Chinese
// or English headers, the dry run listing every row's problem and writing nothing, idempotent re-import by source id,
// duplicates within the file, one rating per 办件 and channel, 差评 opening their work orders, a missing column.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRow, importedReceipt, mapHeader, readGrid } from '../../src/features/evaluations/evaluations.import.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const CODE = '12370602780795309E';
const HEADER = '来源编号,机构统一社会信用代码,评价日期,评价等级,评价渠道,评价对象类型,评价对象编号,评价内容,评价人姓名,评价人电话';
const CSV = [
  HEADER,
  `DEV-0001,${CODE},2025-06-02,5,窗口评价器,窗口,1号窗口,,,`,
  `DEV-0002,${CODE},2025-06-03,非常不满意,评价器,办件,BJ-IMP-1,办了三次没办成,周九,13800000010`,
  `DEV-0003,${CODE},2025-06-03,4,qr,case,bj-imp-1,,,`,
  `DEV-0004,${CODE},2025-06-04,4,qr,case,BJ-IMP-1,,,`,
  `DEV-0005,${CODE},2025-13-01,9,传真,窗口,,,张三,`,
  `DEV-0006,000000000000000000,2025-06-04,3,问卷,,,,,`,
  `DEV-0001,${CODE},2025-06-02,5,窗口评价器,窗口,1号窗口,,,`,
  `,${CODE},2025-06-05,3,问卷,,,,,`,
].join('\n');

describe('import rows (pure)', () => {
  it('maps Chinese and English headers and lists every problem of a row', () => {
    const { index, missing } = mapHeader(['source_id', 'agency', 'date', 'level', 'channel']);
    expect(missing).toEqual([]);
    const r = checkRow(['X', 'abc', '2025-02-30', '0', 'fax'], index, '2025-06-10');
    expect(r.row).toBeNull();
    expect(r.problems).toEqual([
      '统一社会信用代码“ABC”应为18位数字或大写字母', '评价日期“2025-02-30”不是有效日期', '评价等级“0”应为1至5或“非常满意”至“非常不满意”', '评价渠道“fax”无法识别',
    ]);
    expect(mapHeader(['来源编号', '评价日期']).missing).toEqual(['机构统一社会信用代码', '评价等级', '评价渠道']);
    expect(importedReceipt('DEV-1')).toMatch(/^IM[A-Z2-9]{12}$/);
    expect(importedReceipt('DEV-1')).toBe(importedReceipt('DEV-1'));
  });
});

describe.each(engines())('gongkai evaluations import (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => new Date('2025-06-10T02:00:00Z') });
  }, 120_000);
  afterAll(() => t?.close());
  const count = async () => Number((await t.db.selectFrom('evaluations').select((eb) => eb.fn.countAll().as('n')).where('source_id', 'like', 'DEV-%').executeTakeFirstOrThrow()).n);

  it('a dry run lists each row’s problem and writes nothing', async () => {
    const progress: number[] = [];
    const r = await t.services.evaluations.importRatings(await readGrid('x.csv', Buffer.from(CSV)), { dryRun: true, onProgress: (d) => progress.push(d) });
    expect(r).toEqual({
      rows: 8, accepted: 3, duplicates: 1,
      rejected: [
        { row: 5, problems: ['办件“BJ-IMP-1”已经通过“二维码 / 小程序”评价过，每个办件每个渠道只能评价一次'] },
        { row: 6, problems: ['评价日期“2025-13-01”不是有效日期', '评价等级“9”应为1至5或“非常满意”至“非常不满意”', '评价渠道“传真”无法识别', '评价对象为窗口时须填写对象编号', '实名评价须同时填写评价人姓名和电话'] },
        { row: 7, problems: ['找不到统一社会信用代码为“000000000000000000”的机构'] },
        { row: 9, problems: ['缺少来源编号'] },
      ],
    });
    expect(progress).toEqual([8]);
    expect(await count()).toBe(0);
  });

  it('the import stores the accepted rows, the 差评 opens its work order with the sealed phone; a re-import is all duplicates', async () => {
    const r = await t.services.evaluations.importRatings(await readGrid('x.csv', Buffer.from(CSV)));
    expect(r.accepted).toBe(3);
    expect(await count()).toBe(3);
    const bad = await t.db.selectFrom('evaluations').selectAll().where('source_id', '=', 'DEV-0002').executeTakeFirstOrThrow();
    expect(bad).toMatchObject({ level: 1, channel: 'window_device', target_type: 'case', target_ref: 'BJ-IMP-1', real_name: 1, rated_on: '2025-06-03' });
    expect(bad.rater_phone).toMatch(/^pd1:/);
    expect(await t.db.selectFrom('evaluation_orders').select(['state', 'opened_on']).where('evaluation_id', '=', bad.id).executeTakeFirst()).toEqual({ state: 'verifying', opened_on: '2025-06-03' });
    const again = await t.services.evaluations.importRatings(await readGrid('x.csv', Buffer.from(CSV)));
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(4);
    expect(await count()).toBe(3);
  });

  it('XLSX and GB18030 CSV with English headers; a file without a required column is refused on row 1', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评价');
    ws.addRow(['source_id', 'agency', 'rated_on', 'level', 'channel', 'comment']);
    ws.addRow(['DEV-X1', CODE, '2025-06-05', 2, '小程序', '网上预约总是约不上']);
    const grid = await readGrid('p.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(grid[1]).toEqual(['DEV-X1', CODE, '2025-06-05', '2', '小程序', '网上预约总是约不上']);
    expect((await t.services.evaluations.importRatings(grid)).accepted).toBe(1);
    const gb = iconv.encode(`来源编号,机构统一社会信用代码,评价日期,评价等级,评价渠道\nDEV-G1,${CODE},2025-06-06,满意,随机问卷\n`, 'gb18030');
    expect((await t.services.evaluations.importRatings(await readGrid('g.csv', gb))).accepted).toBe(1);
    const noCol = await t.services.evaluations.importRatings([['来源编号', '评价日期'], ['A', '2025-06-01']]);
    expect(noCol.rejected).toEqual([{ row: 1, problems: ['缺少必填列：机构统一社会信用代码、评价等级、评价渠道（列名见 gongkai evaluations import --help）'] }]);
  });
});
