// Test helper (used only by *.test.ts here): report models built from the fixtures' expected.json
// (tests/fixtures/reports/<slug>/expected.json), plus narrative sections for the seed-like report.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { inflateRawSync } from 'node:zlib';
import type { ReportModel } from '../../../core/report/model.ts';
import { fromFixture } from '../../../core/report/fixture.ts';

const root = new URL('../../../../tests/fixtures/reports/', import.meta.url);

export function fixtureJson(slug: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${slug}/expected.json`, root), 'utf8')) as Record<string, unknown>;
}

/** A ReportModel from a fixture's label-keyed expected.json, read by the rules engineer's fromFixture. */
export function modelFromExpected(slug: string, sections: ReportModel['sections'] = []): ReportModel {
  return { ...fromFixture(fixtureJson(slug)), sections };
}

/** The seed report (芝罘区行政审批服务局 2019, seven-part layout) with short narrative sections. */
export function seedModel(): ReportModel {
  return modelFromExpected('zhifu-approval-2019', [
    { key: 'overview', heading: '一、总体情况', text: '2019年，芝罘区行政审批服务局始终坚持“始于百姓需求，终于群众满意”的服务理念。\n受理依申请公开1件，在规定时限高效办结。' },
    { key: 'proactive', heading: '二、主动公开政府信息情况', text: '' },
    { key: 'requests', heading: '三、收到和处理政府信息公开申请情况', text: '' },
    { key: 'appeals', heading: '四、政府信息公开行政复议、行政诉讼情况', text: '' },
    { key: 'supervision', heading: '五、监督情况（考核、社会评议和责任追究）', text: '严格执行定期考核、不定期抽查制度。' },
    { key: 'problems', heading: '六、存在的主要问题及改进情况', text: '信息公开的及时性有待提高。' },
    { key: 'other', heading: '七、其他需要报告的事项', text: '本年度未收取信息处理费。' },
  ]);
}

/** Reads one entry of a ZIP archive (DOCX/XLSX) with node:zlib: enough for the files we write. */
export function unzipEntry(zip: Uint8Array, name: string): string | undefined {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i -= 1) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n += 1) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const entry = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (entry === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return undefined;
}

/** Whether an external tool is on PATH; when it is not, a test skips with a one-line notice unless
 *  GONGKAI_REQUIRE_ALL=1 (then it fails). */
export function tool(name: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
  if (!found) {
    if (process.env.GONGKAI_REQUIRE_ALL === '1') throw new Error(`${name} is required (GONGKAI_REQUIRE_ALL=1) but not installed`);
    console.warn(`[skip] ${name} not installed: test skipped (apt-get install poppler-utils / libreoffice-writer-nogui)`);
  }
  return found;
}
