// The supervisor's hierarchy setting (same service as getSupervisionHierarchy / setSupervisionHierarchy): whether the
// reports of the governments below are consolidated with their departments', and which cells the audit runs compare.
import { AdminLayout, Button, Checkboxes, CsrfField, ErrorSummary, Radios, type AdminShell, type FieldError } from '../../ui/index.ts';
import { HIERARCHY_CELLS, HIERARCHY_MODE_LABELS, HIERARCHY_MODES } from '../../core/supervision/hierarchy.ts';
import type { HierarchySettingView } from './supervision.hierarchy.ts';
import { SupervisionNav, supervisionHref } from './supervision.nav.tsx';

export const HIERARCHY_PATH = supervisionHref('hierarchy');

export function HierarchyPage(p: { shell: AdminShell; setting: HierarchySettingView; errors?: readonly FieldError[] }) {
  const err = (k: string) => p.errors?.find((e) => e.field === k)?.message;
  return (
    <AdminLayout {...p.shell} active="reports" title="汇总核对设定">
      <ErrorSummary errors={p.errors} />
      <SupervisionNav current="hierarchy" locale={p.shell.locale} />
      <h1>汇总核对设定</h1>
      <p>有的地方由人民政府汇总所属部门的数字报告（本级报告包含各部门的申请、复议和诉讼），有的地方各自报告、互不包含。国家年度报告格式对此没有规定，请按本地做法设定。</p>
      <p>设为汇总后，每次督查体检中，某机关的报告与同一年度、平台上隶属于它的机关的报告一并核对；不符时列为警告（H1），写明单元格和各所属机关的数字。没有读取的单元格不核对。</p>
      <form method="post" action={HIERARCHY_PATH} className="gk-form" noValidate>
        <CsrfField token={p.shell.csrfToken} />
        <input type="hidden" name="version" value={p.setting.version} />
        <Radios name="mode" label="本级报告是否汇总所属部门" options={HIERARCHY_MODES.map((m) => ({ value: m, label: HIERARCHY_MODE_LABELS[m] }))} value={p.setting.mode} error={err('mode')} />
        <Checkboxes name="cells" label="核对的单元格" hint="汇总时至少选一个" options={HIERARCHY_CELLS.map((c) => ({ value: c.ref, label: c.label }))} values={p.setting.cells} error={err('cells')} required={false} />
        <Button>保存设定</Button>
      </form>
    </AdminLayout>
  );
}
