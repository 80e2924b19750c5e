// `gongkai report …` end to end: the real CLI in a child process (no database needed).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const fixtures = path.join(root, 'tests/fixtures/reports');
const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gongkai(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/gongkai.mjs'), 'report', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const fixture = (slug: string) => JSON.parse(readFileSync(path.join(fixtures, slug, 'expected.json'), 'utf8'));

// Each run starts a tsx process; on a loaded 2-core machine that can take 10 s or more, hence the generous limit.
describe('gongkai report', { timeout: 180_000 }, () => {
  it('check --json over files: the documented shape, exit 0 on consistent reports (warnings only)', () => {
    const late = { ...fixture('zhifu-approval-2019'), published: '2020-02-10' }; // a department: deadline 31 January
    writeFileSync(path.join(dir, 'late.json'), JSON.stringify(late));
    const r = gongkai('check', '--json', path.join(fixtures, 'huaian-2024/expected.json'), path.join(dir, 'late.json'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual([
      { file: path.join(fixtures, 'huaian-2024/expected.json'), findings: [] },
      { file: path.join(dir, 'late.json'), findings: [{ rule: 'P1', severity: 'warning', message: '发布日期 2020-02-10 晚于法定期限 2020-01-31（条例第四十九条：县级以上人民政府部门应在每年1月31日前公布上一年度年度报告）', cells: [] }] },
    ]);
    expect(r.stderr).toContain('2/2'); // progress on stderr
  });

  it('check over a directory with an inconsistent report: exit 1, findings and a summary table', () => {
    const bad = fixture('pingtan-2019');
    bad.table3.rows['（七）总计'][0] = 22;
    const sub = path.join(dir, 'batch');
    mkdirSync(sub);
    writeFileSync(path.join(sub, 'bad.json'), JSON.stringify(bad));
    writeFileSync(path.join(sub, 'good.json'), JSON.stringify(fixture('zhifu-approval-2019')));
    const r = gongkai('check', sub);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('错误 [E1] 表三 自然人列: 一+二 (23+0=23) ≠ （七）总计+四 (22+0=22)');
    expect(r.stdout).toContain('错误 [I1] 表三 （七）总计行: 总计 (23) ≠ 六类申请人之和 (22)');
    expect(r.stdout).toContain('错误 [I2] 表三 自然人列: （七）总计 (22) ≠ 各办理结果之和 (23)');
    expect(r.stdout).toMatch(/bad\.json\s+3\s+0\s+0\s+有错误 \/ errors/);
    expect(r.stdout).toMatch(/good\.json\s+0\s+0\s+0\s+通过 \/ ok/);
    expect(r.stdout).toContain('共 2 份报告：错误 3 处，警告 0 处');
  });

  it('import --format fixture gives back the fixture; import of text prints the model', () => {
    const r = gongkai('import', '--format', 'fixture', path.join(fixtures, 'huaian-2024/expected.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(fixture('huaian-2024'));
    const t = gongkai('import', path.join(fixtures, 'zhifu-approval-2019/source.txt'));
    expect(t.code).toBe(0);
    const m = JSON.parse(t.stdout);
    expect(m.schemaVersion).toBe(1);
    expect(m.table3.rows['一、本年新收政府信息公开申请数量']).toEqual(fixture('zhifu-approval-2019').table3.rows['一、本年新收政府信息公开申请数量']);
  });

  it('render --to md -o file; an unknown target exits 2 with a Chinese message', () => {
    const out = path.join(dir, 'r.md');
    const r = gongkai('render', path.join(fixtures, 'pingtan-2023/expected.json'), '--to', 'md', '-o', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('行政规范性文件');
    const bad = gongkai('render', path.join(fixtures, 'pingtan-2023/expected.json'), '--to', 'odt');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--to 只能是');
  });

  it('diff: changed cells and X1 across consecutive years', () => {
    const y1 = fixture('pingtan-2021');
    const y2 = fixture('pingtan-2021');
    y2.year = 2022;
    y2.table3.rows['二、上年结转政府信息公开申请数量'] = [0, 0, 0, 0, 0, 0, 0]; // 2021 carried 1 forward
    y2.table3.rows['一、本年新收政府信息公开申请数量'] = [63, 0, 0, 2, 0, 4, 69];
    writeFileSync(path.join(dir, 'y1.json'), JSON.stringify(y1));
    writeFileSync(path.join(dir, 'y2.json'), JSON.stringify(y2));
    const r = gongkai('diff', path.join(dir, 'y2.json'), path.join(dir, 'y1.json'));
    expect(r.code).toBe(0); // X1 is a warning
    expect(r.stdout).toContain('平潭综合实验区 2021 年度 → 平潭综合实验区 2022 年度');
    expect(r.stdout).toContain('table3|一、本年新收政府信息公开申请数量|自然人: 64 → 63（-1）');
    expect(r.stdout).toContain('警告 [X1] 表三 自然人列: 二、上年结转 0（2022 年度报告）≠ 四、结转下年度继续办理 1（2021 年度报告）');
  });
});
