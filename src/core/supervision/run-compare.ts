// Comparison of two audit runs of a supervising agency (this year's run against last year's): per agency, which
// findings are new, which were resolved (in the earlier run, not in the later one) and which persist. A finding is
// the same across runs when its scope, agency, rule and cells agree (its text when it names no cell) — not its year,
// since this year's report is compared with last year's. Findings dismissed by the supervisor are not problems and
// take no part; reports the reader could not read completely are not accused (their rule findings do not exist).

export interface ComparableFinding {
  id: number;
  scope: string;
  agency: string | null;
  year: number | null;
  rule: string;
  severity: string;
  source: string;
  message: string;
  cells: readonly string[];
  decision: string;
}

export interface AgencyComparison<F extends ComparableFinding = ComparableFinding> {
  agency: string;
  /** In the later run only. */
  added: F[];
  /** In the earlier run only (the later run's finding, absent: the problem was corrected). */
  resolved: F[];
  /** In both runs: the later run's finding, with the earlier one's id. */
  persisting: { finding: F; earlierId: number }[];
}

/** Agency names compared without spaces and full-width/half-width differences. */
export function agencyKeyOf(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/** A finding's identity across runs (agency, rule, cells or text; not the year). */
export function crossRunKey(f: ComparableFinding): string {
  const what = f.cells.length > 0 ? [...f.cells].sort().join(',') : f.message.replace(/\s+/g, '').replace(/\d{4}年/g, '').slice(0, 200);
  return `${f.scope}|${f.agency ? agencyKeyOf(f.agency) : ''}|${f.rule}|${what}`;
}

/** Compare the findings of an earlier and a later run, per agency (agencies in zh-CN order; findings without an agency
 *  are grouped under "（未识别机关）"). */
export function compareRuns<F extends ComparableFinding>(earlier: readonly F[], later: readonly F[]): AgencyComparison<F>[] {
  const live = (fs: readonly F[]) => fs.filter((f) => f.decision !== 'dismissed');
  const before = new Map<string, F>();
  for (const f of live(earlier)) if (!before.has(crossRunKey(f))) before.set(crossRunKey(f), f);
  const byAgency = new Map<string, AgencyComparison<F>>();
  const entry = (f: F): AgencyComparison<F> => {
    const name = f.agency ?? '（未识别机关）';
    const k = f.agency ? agencyKeyOf(f.agency) : '';
    let e = byAgency.get(k);
    if (!e) { e = { agency: name, added: [], resolved: [], persisting: [] }; byAgency.set(k, e); }
    return e;
  };
  const seen = new Set<string>();
  for (const f of live(later)) {
    const k = crossRunKey(f);
    if (seen.has(k)) continue;
    seen.add(k);
    const prev = before.get(k);
    if (prev) entry(f).persisting.push({ finding: f, earlierId: prev.id });
    else entry(f).added.push(f);
  }
  for (const [k, f] of before) if (!seen.has(k)) entry(f).resolved.push(f);
  return [...byAgency.values()].sort((a, b) => a.agency.localeCompare(b.agency, 'zh-CN'));
}
