// The audit hash chain in the feature: appending an event as the next link (inside the caller's
// transaction) and verifying the whole chain (streaming, in pages). The canonical form and the
// verification rules are pure (core/audit/chain.ts); SHA-256 comes from node:crypto here.
import { createHash } from 'node:crypto';
import { auditEventHash, createChainVerifier, type ChainVerification, type StoredAuditEvent } from '../../core/audit/chain.ts';
import {
  advanceChainHead,
  chainedEvents,
  completeChainAppend,
  eventsOutsideChain,
  insertAuditEvent,
  readChainHead,
  type AuditRow,
  type ChainedAuditRow,
  type Executor,
} from './audit.repository.ts';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Writes one audit event as the next link of the chain. Must run inside the transaction of the change
 * it records: the chain head's lock (taken first) is held until that transaction commits, so two
 * writers never link to the same predecessor; a rolled-back transaction leaves head and event unchanged.
 */
export async function appendChained(trx: Executor, row: Omit<AuditRow, 'id'>): Promise<number> {
  if (!trx.isTransaction) {
    return trx.transaction().execute((inner) => appendChained(inner, row));
  }
  const { seq, prevHash } = await advanceChainHead(trx);
  const id = await insertAuditEvent(trx, { ...row, chain_seq: seq, prev_hash: prevHash, hash: null });
  const hash = auditEventHash({ ...row, id, chain_seq: seq, prev_hash: prevHash }, sha256Hex);
  await completeChainAppend(trx, id, hash);
  return id;
}

const PAGE = 2000;
const toStored = (r: ChainedAuditRow): StoredAuditEvent => r;

/**
 * Checks every event against the chain. Reads without a long transaction (the server keeps writing):
 * events up to the head as read first, then again up to the head as it is then, until the head stands
 * still; events beyond the final head or without a position were not written by appendChained.
 */
export async function verifyChain(db: Executor, limit = 100): Promise<ChainVerification> {
  const verifier = createChainVerifier(sha256Hex, limit);
  let head = await readChainHead(db);
  let cursor = 0;
  for (let round = 0; ; round += 1) {
    for (;;) {
      const rows = await chainedEvents(db, cursor, head.lastSeq, PAGE);
      if (rows.length === 0) break;
      for (const r of rows) verifier.push(toStored(r));
      cursor = rows[rows.length - 1]!.chain_seq!;
    }
    cursor = Math.max(cursor, head.lastSeq);
    const outside = await eventsOutsideChain(db, head.lastSeq, limit + 1);
    const now = await readChainHead(db);
    if (now.lastSeq !== head.lastSeq && round < 20) {
      head = now;
      continue;
    }
    for (const r of outside) {
      if (r.chain_seq === null) verifier.pushUnchained(toStored(r));
      else verifier.pushBeyondHead(toStored(r), head);
    }
    return verifier.finish(head);
  }
}
