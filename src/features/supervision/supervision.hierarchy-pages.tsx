// The supervisor's hierarchy setting (same service as getSupervisionHierarchy / setSupervisionHierarchy): whether the
// reports of the governments below are consolidated with their departments', and which cells the audit runs compare.
import { AdminLayout, Button, Checkboxes, CsrfField, ErrorSummary, Radios, type AdminShell, type FieldError } from '../../ui/index.ts';
import { HIERARCHY_CELLS, HIERARCHY_MODES } from '../../core/supervision/hierarchy.ts';
import type { HierarchySettingView } from './supervision.hierarchy.ts';
import { SupervisionNav, supervisionHref } from './supervision.nav.tsx';
import { supervisionT } from './supervision.pages.tsx';

export const HIERARCHY_PATH = supervisionHref('hierarchy');

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
        {/* the cells are named as in the national report format (表三, 表四), in every locale */}
        <Checkboxes name="cells" label={T('hierarchy.cells')} hint={T('hierarchy.cellsHint')} options={HIERARCHY_CELLS.map((c) => ({ value: c.ref, label: c.label }))} values={p.setting.cells} error={err('cells')} required={false} locale={locale} />
        <Button>{T('hierarchy.save')}</Button>
      </form>
    </AdminLayout>
  );
}
