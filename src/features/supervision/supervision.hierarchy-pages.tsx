// The supervisor's hierarchy setting (same service as getSupervisionHierarchy / setSupervisionHierarchy): whether the
// reports of the governments below are consolidated with their departments', and which cells the audit runs compare.
import { AdminLayout, Button, Checkboxes, CsrfField, ErrorSummary, Radios, type AdminShell, type FieldError } from '../../ui/index.ts';
import { HIERARCHY_CELLS, HIERARCHY_MODES } from '../../core/supervision/hierarchy.ts';
import { T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_TOTAL, TABLE4_GROUPS } from '../../core/report/formats.ts';
import type { HierarchySettingView } from './supervision.hierarchy.ts';
import { SupervisionNav, supervisionHref } from './supervision.nav.tsx';
import { supervisionT } from './supervision.pages.tsx';

export const HIERARCHY_PATH = supervisionHref('hierarchy');

/** The message key of each cell a supervisor may choose (its zh-CN message is the cell's label in HIERARCHY_CELLS). */
export const HIERARCHY_CELL_KEYS: Readonly<Record<string, string>> = {
  [`table3|${T3_RECEIVED}|总计`]: 'received', [`table3|${T3_CARRIED_IN}|总计`]: 'carriedIn', [`table3|${T3_TOTAL}|总计`]: 'total', [`table3|${T3_CARRIED_OUT}|总计`]: 'carriedOut',
  [`table4|${TABLE4_GROUPS[0]}|总计`]: 'reconsideration', [`table4|${TABLE4_GROUPS[1]}|总计`]: 'directSuit', [`table4|${TABLE4_GROUPS[2]}|总计`]: 'suitAfter',
};

export function HierarchyPage(p: { shell: AdminShell; setting: HierarchySettingView; errors?: readonly FieldError[] }) {
  const err = (k: string) => p.errors?.find((e) => e.field === k)?.message;
  const locale = p.shell.locale;
  const T = supervisionT(locale);
  return (
    <AdminLayout {...p.shell} active="reports" title={T('hierarchy.title')}>
      <ErrorSummary errors={p.errors} locale={locale} />
      <SupervisionNav current="hierarchy" locale={locale} />
      <h1>{T('hierarchy.title')}</h1>
      <p>{T('hierarchy.intro1')}</p>
      <p>{T('hierarchy.intro2')}</p>
      <form method="post" action={HIERARCHY_PATH} className="gk-form" noValidate>
        <CsrfField token={p.shell.csrfToken} />
        <input type="hidden" name="version" value={p.setting.version} />
        <Radios name="mode" label={T('hierarchy.mode')} options={HIERARCHY_MODES.map((m) => ({ value: m, label: T(`labels.hierarchyMode.${m}`) }))} value={p.setting.mode} error={err('mode')} locale={locale} />
        <Checkboxes name="cells" label={T('hierarchy.cells')} hint={T('hierarchy.cellsHint')} options={HIERARCHY_CELLS.map((c) => ({ value: c.ref, label: HIERARCHY_CELL_KEYS[c.ref] ? T(`hierarchy.cellLabels.${HIERARCHY_CELL_KEYS[c.ref]}`) : c.label }))} values={p.setting.cells} error={err('cells')} required={false} locale={locale} />
        <Button>{T('hierarchy.save')}</Button>
      </form>
    </AdminLayout>
  );
}
