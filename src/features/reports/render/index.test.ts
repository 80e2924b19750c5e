import { describe, expect, it } from 'vitest';
import { RENDER_TARGETS, renderReport } from './index.ts';
import { modelFromExpected, seedModel } from './test-helpers.ts';

describe('renderReport', { timeout: 60_000 }, () => {
  it.each([
    ['html', 'text/html; charset=utf-8', 'string', '<!doctype html>'],
    ['md', 'text/markdown; charset=utf-8', 'string', '# 烟台市芝罘区行政审批服务局'],
    ['json', 'application/json; charset=utf-8', 'string', '{\n  "schemaVersion": 1,'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'bytes', 'PK'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'bytes', 'PK'],
    ['pdf', 'application/pdf', 'bytes', '%PDF-'],
  ] as const)('%s: content type, extension and body', async (to, contentType, kind, start) => {
    const r = await renderReport(seedModel(), to);
    expect(r.contentType).toBe(contentType);
    expect(r.extension).toBe(to);
    if (kind === 'string') expect(typeof r.body).toBe('string');
    else expect(r.body).toBeInstanceOf(Uint8Array);
    const head = typeof r.body === 'string' ? r.body : Buffer.from(r.body).toString('latin1');
    expect(head.startsWith(start)).toBe(true);
  });

  it('json is the report model, pretty-printed, and parses back equal', async () => {
    const m = seedModel();
    const r = await renderReport(m, 'json');
    expect(JSON.parse(r.body as string)).toEqual(m);
  });

  it.each(['html', 'md', 'docx', 'xlsx', 'pdf'] as const)('%s: the blank 2021 template (no agency, no year, every cell blank) renders', async (to) => {
    const r = await renderReport(modelFromExpected('template-2021'), to);
    const text = typeof r.body === 'string' ? r.body : '';
    if (to === 'html') {
      expect(text).toContain('<h1>政府信息公开工作年度报告格式模板</h1>');
      expect(text.match(/data-blank=""/g)).toHaveLength(2 * 3 + 1 + 2 + 1 + 25 * 7 + 15);
      expect(text).not.toContain('0年');
    }
    if (to === 'md') expect(text).toContain('| 一、本年新收政府信息公开申请数量 |  |  |  |  |  |  |  |');
  });

  it('covers every target', () => {
    expect([...RENDER_TARGETS].sort()).toEqual(['docx', 'html', 'json', 'md', 'pdf', 'xlsx']);
  });
});
