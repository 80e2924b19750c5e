// `gongkai redact` from the command line: the --json report and the file it writes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../core/validation/index.ts';
import { bytesHold, pageSizes, pdftotext, textPdf } from '../../../tests/builders/redaction-files.ts';
import { parseBox, runRedact } from './redact.ts';

const run = promisify(execFile);
const BIN = new URL('../../../bin/gongkai.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gongkai-redact-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseBox', () => {
  it.each([
    ['1,72,100,200,20', { page: 1, x: 72, y: 100, w: 200, h: 20 }],
    ['2, 10.5, 0, 5, 5', { page: 2, x: 10.5, y: 0, w: 5, h: 5 }],
    ['0,1,1,1,1', null], ['1.5,1,1,1,1', null], ['1,1,1,1', null], ['1,a,1,1,1', null], ['', null],
  ])('%s', (s, box) => expect(parseBox(s)).toEqual(box));
});

describe('gongkai redact', () => {
  const ID = '11010519491231002' + idCheckCharacter('11010519491231002');
  it('--json: pages and redactions (page, kind, reason, boxes), never the redacted text; the output holds none of it', async () => {
    const input = join(dir, 'in.pdf');
    const out = join(dir, 'out.pdf');
    writeFileSync(input, textPdf([`ID ${ID}`, 'Phone 13812345678', 'Mail zhang@example.org', 'Name Wang Wu'], 2));
    const { stdout } = await run(process.execPath, [BIN, 'redact', input, '--out', out, '--pattern', 'id-number', '--pattern', 'phone', '--pattern', 'email',
      '--term', 'Wang Wu', '--box', '2,72,300,100,50', '--json', '--today', '2026-12-06'], { timeout: 120_000 });
    const report = JSON.parse(stdout) as { pages: number; redactions: { page: number; kind: string; reason: string }[] };
    expect(report.pages).toBe(2);
    expect(report.redactions.map((r) => `${r.page} ${r.kind} ${r.reason}`)).toEqual([
      '1 id-number art15-privacy', '1 phone art15-privacy', '1 email art15-privacy', '1 term art15-privacy',
      '2 id-number art15-privacy', '2 phone art15-privacy', '2 email art15-privacy', '2 term art15-privacy', '2 box art15-privacy',
    ]);
    expect(stdout).not.toContain(ID);
    const pdf = readFileSync(out);
    expect(pageSizes(pdf)).toEqual(['595x842', '595x842']);
    for (const s of [ID, '13812345678', 'zhang@example.org', 'Wang Wu']) {
      expect(pdftotext(pdf)).not.toContain(s);
      expect(bytesHold(pdf, s)).toBe(false);
    }
  }, 120_000);

  it('bad arguments: refused with a message, no output file; the command exits 1', async () => {
    const input = join(dir, 'in2.pdf');
    writeFileSync(input, textPdf(['x']));
    const base = { out: join(dir, 'never.pdf'), pattern: [], term: [], box: [], reason: 'art15-privacy' };
    await expect(runRedact(input, { ...base, pattern: ['passport'] })).rejects.toThrow('未知的 --pattern');
    await expect(runRedact(input, { ...base, box: ['3,0,0,10,10'] })).rejects.toThrow('第 3 页不存在');
    await expect(runRedact(input, { ...base, box: ['1,0,0,10'] })).rejects.toThrow('页码,X,Y,宽,高');
    await expect(runRedact(input, { ...base, box: ['1,500,0,200,10'] })).rejects.toThrow('超出页面');
    await expect(runRedact(input, { ...base, reason: 'art99' })).rejects.toThrow('未知的 --reason');
    await expect(runRedact(input, { ...base, dpi: '5000' })).rejects.toThrow('--dpi');
    await expect(runRedact(input, { ...base, out: input })).rejects.toThrow('覆盖输入文件');
    const notPdf = join(dir, 'x.txt');
    writeFileSync(notPdf, 'hello');
    const e = await run(process.execPath, [BIN, 'redact', notPdf, '--out', join(dir, 'never.pdf')], { timeout: 120_000 }).then(() => null, (x: { code: number; stderr: string }) => x);
    expect(e?.code).toBe(1);
    expect(e?.stderr).toContain('只能遮盖 PDF');
    expect(() => readFileSync(join(dir, 'never.pdf'))).toThrow();
  }, 180_000);
});
