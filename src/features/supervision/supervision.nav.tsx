// The tabs shared by the supervisors' pages (督查): one row of links in the product's tab style (gk-tabs, as the 好差评
// section), the current section marked with aria-current="page" (bold). The sections that show one year carry the
// page's year on to the others, so that switching from the overview to the ranking keeps the year in view.
import { t, type Locale } from '../../ui/i18n.ts';

export const SUPERVISION_PATH = '/admin/supervision';

/** The sections of the supervision pages, in the order of the tabs. */
export const SUPERVISION_SECTIONS = [
  'runs', 'rectifications', 'comparison', 'overview', 'assessment', 'sample', 'rankings', 'heatmap', 'hierarchy',
] as const;
export type SupervisionSection = (typeof SUPERVISION_SECTIONS)[number];

const HREFS: Record<SupervisionSection, { path: string; yearly: boolean }> = {
  runs: { path: SUPERVISION_PATH, yearly: false },
  rectifications: { path: `${SUPERVISION_PATH}/rectifications`, yearly: false },
  comparison: { path: `${SUPERVISION_PATH}/report-comparison`, yearly: false },
  overview: { path: `${SUPERVISION_PATH}/overview`, yearly: true },
  assessment: { path: `${SUPERVISION_PATH}/assessment`, yearly: true },
  sample: { path: `${SUPERVISION_PATH}/assessment/sample`, yearly: true },
  rankings: { path: `${SUPERVISION_PATH}/rankings`, yearly: true },
  heatmap: { path: `${SUPERVISION_PATH}/heatmap`, yearly: true },
  hierarchy: { path: `${SUPERVISION_PATH}/hierarchy`, yearly: false },
};

/** A section's address; the yearly sections get `?year=` when the page shows a year. */
export function supervisionHref(section: SupervisionSection, year?: number): string {
  const h = HREFS[section];
  return h.yearly && year !== undefined ? `${h.path}?year=${year}` : h.path;
}

export function SupervisionNav({ current, year, locale = 'zh-CN' }: { current: SupervisionSection; year?: number; locale?: Locale }) {
  return (
    <nav aria-label={t(locale, 'supervision.nav.label')} className="gk-tabs">
      <ul className="gk-list gk-list--inline">
        {SUPERVISION_SECTIONS.map((s) => (
          <li key={s}><a href={supervisionHref(s, year)} aria-current={s === current ? 'page' : undefined}>{t(locale, `supervision.nav.${s}`)}</a></li>
        ))}
      </ul>
    </nav>
  );
}
