import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyReport } from './fixture.ts';
import { REPORT_MODEL_JSON_SCHEMA, validateReportModel } from './schema.ts';

describe('REPORT_MODEL_JSON_SCHEMA', () => {
  it('is what docs/report-model.schema.json holds (regenerate the file when the schema changes)', () => {
    const doc = readFileSync(new URL('../../../docs/report-model.schema.json', import.meta.url), 'utf8');
    expect(doc).toBe(JSON.stringify(REPORT_MODEL_JSON_SCHEMA, null, 2) + '\n');
  });
  it('is draft 2020-12, versioned', () => {
    expect(REPORT_MODEL_JSON_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(REPORT_MODEL_JSON_SCHEMA.$id).toMatch(/v1\.json$/);
  });
});

describe('validateReportModel', () => {
  const good = () => emptyReport('2021', { agency: '淮安市人民政府', year: 2024, published: '2025-01-20' });
  it('accepts a blank report of each layout', () => {
    for (const f of ['2019', '2021', 'hybrid'] as const) expect(validateReportModel(emptyReport(f, { agency: 'A', year: 2020 })).ok).toBe(true);
  });
  it.each([
    ['schemaVersion 2', (m: Record<string, unknown>) => { m.schemaVersion = 2; }, '$.schemaVersion', '应为 1，实际为 2'],
    ['format 2020', (m: Record<string, unknown>) => { m.format = '2020'; }, '$.format', '应为 "2019"、"2021"、"hybrid" 之一，实际为 "2020"'],
    ['missing agency', (m: Record<string, unknown>) => { delete m.agency; }, '$', '缺少必填字段“agency”'],
    ['unknown field', (m: Record<string, unknown>) => { m.foo = 1; }, '$.foo', '不允许的字段“foo”'],
    ['text cell', (m: Record<string, unknown>) => { (m.table3 as { rows: Record<string, unknown[]> }).rows['（一）予以公开']![6] = '5'; }, '$.table3.rows["（一）予以公开"][6]', '应为数字或null，实际为字符串 "5"'],
    ['six values', (m: Record<string, unknown>) => { (m.table3 as { rows: Record<string, unknown[]> }).rows['（一）予以公开']!.pop(); }, '$.table3.rows["（一）予以公开"]', '至少应有 7 项，实际 6 项'],
    ['table 四 group', (m: Record<string, unknown>) => { (m.table4 as Record<string, unknown>)['行政诉讼'] = {}; }, '$.table4["行政诉讼"]', '键“行政诉讼”不允许：应为 "行政复议"、"未经复议直接起诉"、"复议后起诉" 之一，实际为 "行政诉讼"'],
    ['published date', (m: Record<string, unknown>) => { m.published = '2025年1月20日'; }, '$.published', '格式不正确："2025年1月20日"'],
    ['year', (m: Record<string, unknown>) => { m.year = 2024.5; }, '$.year', '应为整数，实际为数字 2024.5'],
  ])('%s → %s: %s', (_name, mutate, path, message) => {
    const m = good() as unknown as Record<string, unknown>;
    mutate(m);
    const r = validateReportModel(m);
    expect(r.ok).toBe(false);
    expect(r.errors).toContainEqual({ path, message });
  });
  it('collects every error, not just the first', () => {
    const m = good() as unknown as Record<string, unknown>;
    m.year = 'x';
    m.format = 'y';
    delete m.sections;
    expect(validateReportModel(m).errors).toHaveLength(3);
  });
});
