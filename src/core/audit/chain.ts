// Audit trail integrity: every audit event is a link of one hash chain.
//   hash(n) = SHA-256( canonical(event n, including chain_seq and prev_hash = hash(n-1)) )
// The first event links to GENESIS_HASH. Changing, removing or inserting an event breaks the chain
// at that event (its own hash, its successor's prev_hash, the gap in chain_seq, or the chain head).
// Pure: the hash function is passed in (node:crypto lives in the feature), so the migration, the
// service and the verifier share one canonical form. Format v1 must never change: a new form
// would be v2 with its own prefix (the verifier would then pick the form by the prefix's version).

export const AUDIT_CHAIN_FORMAT = 'gongkai-audit-chain-v1';
export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields that the hash covers (column names as in audit_events). */
export interface ChainedAuditFields {
  id: number;
  chain_seq: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  agency_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  prev_hash: string;
}

/**
 * Canonical serialisation v1: a JSON array of the fields in a fixed order. JSON.stringify of strings,
 * integers and null is deterministic, and both engines return the stored text byte for byte.
 */
export function canonicalAuditEvent(e: ChainedAuditFields): string {
  return JSON.stringify([
    AUDIT_CHAIN_FORMAT,
    e.id,
    e.chain_seq,
    e.at,
    e.actor_user_id,
    e.actor_name,
    e.agency_id,
    e.action,
    e.entity,
    e.entity_id,
    e.before_json,
    e.after_json,
    e.request_id,
    e.prev_hash,
  ]);
}

export type HashFn = (text: string) => string;

export function auditEventHash(e: ChainedAuditFields, sha256: HashFn): string {
  return sha256(canonicalAuditEvent(e));
}

/** A stored event as the verifier reads it (chain columns may be missing on a forged row). */
export interface StoredAuditEvent extends Omit<ChainedAuditFields, 'chain_seq' | 'prev_hash'> {
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export type ChainProblemKind = 'changed' | 'removed' | 'inserted' | 'head';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** the event named (for 'removed': the event after the gap; null when no event can be named) */
  eventId: number | null;
  at: string | null;
  action: string | null;
  chainSeq: number | null;
  /** plain Chinese: what is wrong, naming the event(s) */
  message: string;
}

export interface ChainHead {
  lastSeq: number;
  lastHash: string;
}

export interface ChainVerification {
  ok: boolean;
  /** events read (chained and unchained) */
  checked: number;
  /** the last chain position and hash as found in the events (anchor it outside the database to detect a rewrite) */
  lastSeq: number;
  lastHash: string;
  /** the first problems found (at most `limit`), in chain order */
  problems: ChainProblem[];
  /** number of problems found, also beyond `limit` */
  problemCount: number;
}

const label = (e: { id: number; at: string; action: string }) => `#${e.id}（${e.at}，${e.action}）`;

/**
 * A streaming verifier: push the chained events up to the head in chain_seq order (ties by id), then
 * the events without a chain position or beyond the head, then call finish(head). Memory is O(1)
 * apart from the kept problems.
 */
export function createChainVerifier(sha256: HashFn, limit = 100) {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let prev: StoredAuditEvent | null = null;
  /** the previous event failed its own check: its successor's link says nothing more */
  let linkUnknown = false;
  let checked = 0;
  let count = 0;
  const problems: ChainProblem[] = [];
  const add = (p: ChainProblem) => {
    count += 1;
    if (problems.length < limit) problems.push(p);
  };
  const named = (e: StoredAuditEvent, kind: ChainProblemKind, message: string): ChainProblem => ({
    kind,
    eventId: e.id,
    at: e.at,
    action: e.action,
    chainSeq: e.chain_seq,
    message,
  });

  function pushChained(e: StoredAuditEvent & { chain_seq: number }): void {
    checked += 1;
    if (e.chain_seq < expectedSeq) {
      add(named(e, 'inserted', `事件 ${label(e)} 是插入的：链序号 ${e.chain_seq} 已被其他事件占用`));
      return;
    }
    let gap = false;
    if (e.chain_seq > expectedSeq) {
      gap = true;
      const missing = e.chain_seq - expectedSeq;
      const ids = prev && e.id - prev.id - 1 === missing
        ? Array.from({ length: missing }, (_, i) => `#${prev!.id + 1 + i}`).join('、')
        : null;
      const where = prev ? `位于 ${label(prev)} 与 ${label(e)} 之间` : `位于 ${label(e)} 之前`;
      const what = ids ? `事件 ${ids}` : `${missing} 条事件`;
      add({
        kind: 'removed',
        eventId: e.id,
        at: e.at,
        action: e.action,
        chainSeq: expectedSeq,
        message: `${what}（链序号 ${expectedSeq}${missing > 1 ? `–${e.chain_seq - 1}` : ''}）已被删除，${where}`,
      });
    }
    const own = e.hash !== null && e.prev_hash !== null && auditEventHash({ ...e, prev_hash: e.prev_hash }, sha256) === e.hash;
    if (!own) {
      add(named(e, e.hash === null ? 'inserted' : 'changed', e.hash === null
        ? `事件 ${label(e)} 没有哈希：不是由系统写入的（插入的事件）`
        : `事件 ${label(e)} 的内容已被改动（哈希不符）`));
    } else if (!gap && !linkUnknown && e.prev_hash !== prevHash) {
      // Its own hash holds, but it does not link to the event before it: that one was changed and its
      // hash recomputed, or an event was put in front of this one.
      if (prev) add(named(prev, 'changed', `事件 ${label(prev)} 的内容已被改动（其后的事件 #${e.id} 记录的前序哈希不符）`));
      else add(named(e, 'changed', `事件 ${label(e)} 不与链的起点相接（链已被改动）`));
    }
    linkUnknown = !own;
    prevHash = e.hash ?? prevHash;
    prev = e;
    expectedSeq = e.chain_seq + 1;
  }

  function pushUnchained(e: StoredAuditEvent): void {
    checked += 1;
    add(named(e, 'inserted', `事件 ${label(e)} 不在审计链中：不是由系统写入的（插入的事件）`));
  }

  return {
    /** A chained event (chain_seq not null, at most the head's), in chain order. */
    push(e: StoredAuditEvent): void {
      if (e.chain_seq === null) pushUnchained(e);
      else pushChained(e as StoredAuditEvent & { chain_seq: number });
    },
    /** An event without a chain position. */
    pushUnchained,
    /** An event whose chain position lies beyond the chain head (the head is written with every append). */
    pushBeyondHead(e: StoredAuditEvent, head: ChainHead): void {
      checked += 1;
      add(named(e, 'inserted', `事件 ${label(e)} 位于链头（链序号 ${head.lastSeq}）之后：是插入的事件`));
    },
    finish(head: ChainHead): ChainVerification {
      const lastSeq = expectedSeq - 1;
      if (head.lastSeq > lastSeq) {
        const missing = head.lastSeq - lastSeq;
        add({
          kind: 'removed',
          eventId: null,
          at: null,
          action: null,
          chainSeq: lastSeq + 1,
          message: `链尾的 ${missing} 条事件（链序号 ${lastSeq + 1}${missing > 1 ? `–${head.lastSeq}` : ''}）已被删除${prev ? `，位于 ${label(prev)} 之后` : ''}`,
        });
      } else if (head.lastHash !== prevHash && prev) {
        add(named(prev, 'changed', `事件 ${label(prev)} 与链头记录的哈希不符：该事件已被改动`));
      }
      return { ok: count === 0, checked, lastSeq, lastHash: prevHash, problems, problemCount: count };
    },
  };
}
