import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditEventHash, canonicalAuditEvent, createChainVerifier, GENESIS_HASH, type StoredAuditEvent } from './chain.ts';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A correctly chained list of n events with ids 10, 11, … */
function chain(n: number): StoredAuditEvent[] {
  const out: StoredAuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i += 1) {
    const e = { id: 10 + i, chain_seq: i + 1, at: `2026-11-0${i + 1}T08:00:00.000Z`, actor_user_id: 1, actor_name: '张三', agency_id: 2, action: `a.${i}`, entity: 'x', entity_id: String(i), before_json: null, after_json: '{"k":"值"}', request_id: null, prev_hash: prev };
    const hash = auditEventHash(e, sha);
    out.push({ ...e, hash });
    prev = hash;
  }
  return out;
}

function verify(events: StoredAuditEvent[], head = { lastSeq: 5, lastHash: chain(5)[4]!.hash! }) {
  const v = createChainVerifier(sha);
  for (const e of events) v.push(e);
  return v.finish(head);
}

describe('canonical form v1', () => {
  it('is a fixed-order JSON array with a format tag; every field changes the hash', () => {
    const e = chain(1)[0]!;
    const base = { ...e, chain_seq: 1, prev_hash: GENESIS_HASH };
    expect(canonicalAuditEvent(base)).toBe(
      '["gongkai-audit-chain-v1",10,1,"2026-11-01T08:00:00.000Z",1,"张三",2,"a.0","x","0",null,"{\\"k\\":\\"值\\"}",null,"' + GENESIS_HASH + '"]',
    );
    const variants: Partial<typeof base>[] = [{ id: 11 }, { chain_seq: 2 }, { at: '2026-11-01T08:00:00.001Z' }, { actor_user_id: null }, { actor_name: '李四' }, { agency_id: null }, { action: 'b' }, { entity: 'y' }, { entity_id: null }, { before_json: '{}' }, { after_json: null }, { request_id: 'r' }, { prev_hash: 'f'.repeat(64) }];
    const h = auditEventHash(base, sha);
    for (const v of variants) expect(auditEventHash({ ...base, ...v }, sha), JSON.stringify(v)).not.toBe(h);
  });
});

describe('chain verification', () => {
  const c = chain(5);
  const cases: { name: string; events: StoredAuditEvent[]; head?: { lastSeq: number; lastHash: string }; expected: { kind: string; eventId: number | null; text: string }[] }[] = [
    { name: 'intact', events: c, expected: [] },
    { name: 'content changed', events: c.map((e) => (e.id === 12 ? { ...e, actor_name: '李四' } : e)), expected: [{ kind: 'changed', eventId: 12, text: '#12（2026-11-03T08:00:00.000Z，a.2）' }] },
    {
      name: 'changed and rehashed: named through its successor',
      events: c.map((e) => (e.id === 12 ? { ...e, action: 'z', hash: auditEventHash({ ...e, action: 'z', chain_seq: 3, prev_hash: e.prev_hash! }, sha) } : e)),
      expected: [{ kind: 'changed', eventId: 12, text: '其后的事件 #13' }],
    },
    { name: 'removed in the middle', events: c.filter((e) => e.id !== 12), expected: [{ kind: 'removed', eventId: 13, text: '事件 #12（链序号 3）已被删除，位于 #11' }] },
    { name: 'two removed', events: c.filter((e) => e.id !== 12 && e.id !== 13), expected: [{ kind: 'removed', eventId: 14, text: '事件 #12、#13（链序号 3–4）' }] },
    { name: 'first removed', events: c.slice(1), expected: [{ kind: 'removed', eventId: 11, text: '位于 #11' }] },
    { name: 'last removed (head remembers)', events: c.slice(0, 4), expected: [{ kind: 'removed', eventId: null, text: '链尾的 1 条事件（链序号 5）' }] },
    { name: 'hash missing', events: c.map((e) => (e.id === 11 ? { ...e, hash: null } : e)), expected: [{ kind: 'inserted', eventId: 11, text: '没有哈希' }] },
    { name: 'unchained row', events: [...c, { ...c[0]!, id: 99, chain_seq: null, hash: null, prev_hash: null }], expected: [{ kind: 'inserted', eventId: 99, text: '不在审计链中' }] },
    { name: 'duplicate position', events: [...c.slice(0, 3), { ...c[2]!, id: 98 }, ...c.slice(3)], expected: [{ kind: 'inserted', eventId: 98, text: '链序号 3 已被其他事件占用' }] },
    { name: 'head hash differs', events: c, head: { lastSeq: 5, lastHash: 'e'.repeat(64) }, expected: [{ kind: 'changed', eventId: 14, text: '链头' }] },
  ];
  it.each(cases)('$name', ({ events, head, expected }) => {
    const r = verify(events, head);
    expect(r.ok).toBe(expected.length === 0);
    expect(r.problems.map((p) => ({ kind: p.kind, eventId: p.eventId }))).toEqual(expected.map((x) => ({ kind: x.kind, eventId: x.eventId })));
    r.problems.forEach((p, i) => expect(p.message).toContain(expected[i]!.text));
    expect(r.problemCount).toBe(expected.length);
  });

  it('keeps at most `limit` problems but counts them all', () => {
    const v = createChainVerifier(sha, 2);
    for (const e of c) v.push({ ...e, actor_name: 'x' });
    const r = v.finish({ lastSeq: 5, lastHash: c[4]!.hash! });
    expect(r.problems).toHaveLength(2);
    expect(r.problemCount).toBe(5);
  });
});
