// The pool size option (`gongkai report audit --workers`, BENCH_AUDIT_WORKERS): a whole number from 1 to 32, empty for
// the machine's cores (at most 8); anything else is refused with a Chinese message that says what to write.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { AuditWorkersError, createAuditPool, defaultAuditWorkers, parseAuditWorkers } from './audit-pool.ts';

describe('audit pool size', () => {
  it.each([
    ['1', 1], ['2', 2], [' 4 ', 4], ['32', 32], [3, 3],
  ] as const)('%j → %i', (raw, n) => {
    expect(parseAuditWorkers(raw)).toBe(n);
  });

  it('empty → the cores available, at most 8', () => {
    const d = Math.min(availableParallelism(), 8);
    expect(defaultAuditWorkers()).toBe(d);
    expect(parseAuditWorkers(undefined)).toBe(d);
    expect(parseAuditWorkers('')).toBe(d);
    expect(parseAuditWorkers('  ')).toBe(d);
  });

  it.each(['0', '33', '-1', '1.5', '2x', 'abc', '1e1', '0x2', 0, 33, 2.5, Number.NaN])('%j is refused, in Chinese, naming the option', (raw) => {
    let err: unknown;
    try { parseAuditWorkers(raw, '--workers'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(AuditWorkersError);
    const m = (err as Error).message;
    expect(m).toContain('--workers 必须是 1 到 32 之间的整数');
    expect(m).toContain('1 表示在本进程内逐个体检');
    expect(m).toContain(`现在是“${String(raw)}”`);
  });

  it('a pool of an invalid size is not created', () => {
    expect(() => createAuditPool({ size: 0 })).toThrow(AuditWorkersError);
    expect(() => createAuditPool({ size: 40 })).toThrow('必须是 1 到 32 之间的整数');
  });
});
