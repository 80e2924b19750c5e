/**
 * An impossible ledger. `index` is the position of the offending event in `ledger.events`
 * (null when the problem is the ledger as a whole, its top-level `received`, or the settings).
 */
export class LedgerError extends Error {
  readonly index: number | null;
  constructor(message: string, index: number | null) {
    super(index === null ? message : `第 ${index + 1} 个事件：${message}`);
    this.name = 'LedgerError';
    this.index = index;
  }
}
