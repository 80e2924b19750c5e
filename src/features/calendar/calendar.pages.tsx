// /admin/calendar?year=YYYY — the working-day calendar of one year as month grids (holidays and 调休
// working days with their names and notices, "暂定" for an unannounced year), the import of a year's
// notice (holiday-cn JSON: file or paste), the edit of one day with a reason, the list of deadlines a
// change moved, and the "计算期限" form with the plain-Chinese explanation. Works without JavaScript.
import type { ReactElement } from 'react';
import type { DayInfo } from '../../core/calendar/index.ts';
import type { DeadlineResult } from '../../core/deadlines/index.ts';
import {
  AdminLayout, Button, CsrfField, DateField, ErrorSummary, FileField, Notice, Radios, Select, Textarea, TextField, errorFor, t,
  type AdminShell, type FieldError,
} from '../../ui/index.ts';
import type { MovedRecord } from '../deadlines/deadlines.service.ts';
import { DEADLINE_PRESETS, type DeadlinePreset, type YearView } from './calendar.service.ts';

export const CALENDAR_PATH = '/admin/calendar';
export const CALENDAR_CSS_PATH = '/admin/calendar/calendar.css';

export interface CalendarPageProps {
  shell: AdminShell;
  view: YearView;
  errors?: readonly FieldError[];
  /** the form the errors belong to, and what was typed (echoed back) */
  form?: 'import' | 'edit' | 'explain';
  values?: Record<string, string>;
  result?: { kind: 'import'; year: number; moved: readonly MovedRecord[] } | { kind: 'edit'; date: string; moved: readonly MovedRecord[] };
  explain?: { date: string; preset: DeadlinePreset; result: DeadlineResult } | null;
}

const PRESET_KEYS: Record<DeadlinePreset, string> = {
  plain: 'calendar.presetPlain',
  correction: 'calendar.presetCorrection',
  consultation: 'calendar.presetConsultation',
  extension: 'calendar.presetExtension',
};

function DayCell({ d, locale }: { d: DayInfo; locale: AdminShell['locale'] }): ReactElement {
  const day = Number(d.date.slice(8));
  const cls = ['gk-cal-day', `gk-cal-day--${d.kind}`, d.edit ? 'gk-cal-day--edited' : '', d.provisional ? 'gk-cal-day--provisional' : ''].filter(Boolean).join(' ');
  const special = d.kind === 'holiday' || d.kind === 'adjusted_workday';
  const tip = [d.name, d.notice, d.edit ? `${t(locale, 'calendar.editReason')}：${d.edit.reason}` : ''].filter(Boolean).join(' · ');
  return (
    <td className={cls} data-date={d.date} title={tip || undefined}>
      <span className="gk-cal-day__num">
        {day}
        {d.edit ? '＊' : ''}
      </span>
      {special ? (
        <span className="gk-cal-day__name">
          <span className={`gk-cal-tag gk-cal-tag--${d.workday ? 'work' : 'off'}`}>{t(locale, d.workday ? 'calendar.work' : 'calendar.off')}</span>
          {d.name}
        </span>
      ) : null}
    </td>
  );
}

function MonthGrids({ view, locale }: { view: YearView; locale: AdminShell['locale'] }): ReactElement {
  const heads = t(locale, 'calendar.weekdays').split(',');
  return (
    <div className="gk-cal-months">
      {view.months.map((m) => (
        <table key={m.month} className="gk-cal-month" id={`month-${m.month}`}>
          <caption>{t(locale, 'calendar.monthCaption', { month: m.month })}</caption>
          <thead>
            <tr>
              {heads.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.weeks.map((w, i) => (
              <tr key={i}>{w.map((d, j) => (d ? <DayCell key={d.date} d={d} locale={locale} /> : <td key={`e${j}`} className="gk-cal-day gk-cal-day--empty" />))}</tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

function Moved({ moved, locale }: { moved: readonly MovedRecord[]; locale: AdminShell['locale'] }): ReactElement {
  if (moved.length === 0) return <p>{t(locale, 'calendar.movedNone')}</p>;
  return (
    <>
      <h3>{t(locale, 'calendar.movedTitle', { count: moved.length })}</h3>
      <table className="gk-cal-moved" id="moved-deadlines">
        <thead>
          <tr>
            <th scope="col">{t(locale, 'calendar.movedRecord')}</th>
            <th scope="col">{t(locale, 'calendar.movedKind')}</th>
            <th scope="col">{t(locale, 'calendar.movedOld')}</th>
            <th scope="col">{t(locale, 'calendar.movedNew')}</th>
          </tr>
        </thead>
        <tbody>
          {moved.map((m) => (
            <tr key={m.id} data-deadline-id={m.id}>
              <td>
                {m.entity} #{m.entityId}
              </td>
              <td>{m.kind}</td>
              <td>{m.oldDue ?? t(locale, 'calendar.none')}</td>
              <td>{m.error ? t(locale, 'calendar.movedInvalid', { error: m.error }) : `→ ${m.newDue ?? t(locale, 'calendar.none')}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function CalendarPage(p: CalendarPageProps): ReactElement {
  const { shell, view } = p;
  const locale = shell.locale;
  const title = t(locale, 'calendar.yearTitle', { year: view.year });
  const v = p.values ?? {};
  const err = (form: CalendarPageProps['form'], field: string) => (p.form === form ? errorFor(p.errors, field) : undefined);
  const sourceKey = view.source === 'imported' ? 'calendar.sourceImported' : view.source === 'shipped' ? 'calendar.sourceShipped' : 'calendar.sourceNone';
  return (
    <AdminLayout {...shell} active="calendar" title={title}>
      <link rel="stylesheet" href={CALENDAR_CSS_PATH} />
      <ErrorSummary errors={p.errors} locale={locale} />
      <h1>{title}</h1>
      <nav className="gk-cal-yearnav" aria-label={t(locale, 'calendar.goYear')}>
        {view.year > view.range.from ? <a href={`${CALENDAR_PATH}?year=${view.year - 1}`}>‹ {t(locale, 'calendar.prevYear')}（{view.year - 1}）</a> : null}
        {view.year < view.range.to ? <a href={`${CALENDAR_PATH}?year=${view.year + 1}`}>{t(locale, 'calendar.nextYear')}（{view.year + 1}） ›</a> : null}
        <form method="get" action={CALENDAR_PATH}>
          <TextField name="year" label={t(locale, 'calendar.yearLabel')} hint={t(locale, 'calendar.yearRange', view.range)} value={String(view.year)} inputMode="numeric" maxLength={4} className="gk-width-5" locale={locale} />
          <Button variant="secondary">{t(locale, 'calendar.show')}</Button>
        </form>
      </nav>

      {p.result ? (
        <section aria-labelledby="result-title" id="result">
          <Notice kind="success" locale={locale}>
            <span id="result-title">{p.result.kind === 'import' ? t(locale, 'calendar.resultImported', { year: p.result.year }) : t(locale, 'calendar.resultEdited', { date: p.result.date })}</span>
          </Notice>
          <Moved moved={p.result.moved} locale={locale} />
        </section>
      ) : null}

      {!view.announced ? (
        <Notice kind="warning" title={t(locale, 'calendar.provisionalTitle')} locale={locale}>
          {view.year <= view.range.from ? t(locale, 'calendar.notIncludedText', { year: view.year, first: view.range.from + 1 }) : t(locale, 'calendar.provisionalText', { year: view.year })}
        </Notice>
      ) : null}

      <dl className="gk-summary-list">
        <div>
          <dt>{t(locale, 'calendar.source')}</dt>
          <dd>{t(locale, sourceKey)}</dd>
        </div>
        <div>
          <dt>{t(locale, 'calendar.notices')}</dt>
          <dd id="notices">{view.notices.length ? view.notices.join('；') : t(locale, 'calendar.none')}</dd>
        </div>
      </dl>

      <h2>{t(locale, 'calendar.legend')}</h2>
      <ul className="gk-cal-legend">
        <li>
          <span className="gk-cal-tag gk-cal-tag--off">{t(locale, 'calendar.off')}</span>
          {t(locale, 'calendar.legendHoliday')}
        </li>
        <li>
          <span className="gk-cal-tag gk-cal-tag--work">{t(locale, 'calendar.work')}</span>
          {t(locale, 'calendar.legendAdjusted')}
        </li>
        <li>{t(locale, 'calendar.legendEdited')}</li>
      </ul>
      <MonthGrids view={view} locale={locale} />

      <h2>{t(locale, 'calendar.holidaysTitle')}</h2>
      {view.holidays.length ? (
        <ul id="holidays">
          {view.holidays.map((h, i) => (
            <li key={i}>
              <strong>{h.name}</strong>：{t(locale, 'calendar.holidayOff', { days: h.off.join('、').replaceAll('..', '至') })}
              {h.work.length ? `；${t(locale, 'calendar.holidayWork', { days: h.work.join('、') })}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t(locale, 'calendar.none')}</p>
      )}

      <h2>{t(locale, 'calendar.editsTitle')}</h2>
      {view.edits.length ? (
        <ul id="edits">
          {view.edits.map((e) => (
            <li key={e.date}>
              {e.date} {t(locale, e.workday ? 'calendar.editWorkday' : 'calendar.editDayOff')}
              {e.name ? `（${e.name}）` : ''}：{e.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t(locale, 'calendar.noEdits')}</p>
      )}

      <section className="gk-cal-explain" aria-labelledby="explain-title" id="explain">
        <h2 id="explain-title">{t(locale, 'calendar.explainTitle')}</h2>
        <p>{t(locale, 'calendar.explainIntro')}</p>
        <form method="get" action={`${CALENDAR_PATH}#explain`} noValidate>
          <input type="hidden" name="year" value={String(view.year)} />
          <DateField name="date" label={t(locale, 'calendar.explainDate')} value={v.date ?? p.explain?.date ?? ''} error={err('explain', 'date')} locale={locale} />
          <Select
            name="preset"
            label={t(locale, 'calendar.explainPreset')}
            value={v.preset ?? p.explain?.preset ?? 'plain'}
            options={DEADLINE_PRESETS.map((k) => ({ value: k, label: t(locale, PRESET_KEYS[k]) }))}
            locale={locale}
          />
          <Button>{t(locale, 'calendar.explainSubmit')}</Button>
        </form>
        {p.explain && p.explain.result.due ? (
          <div id="explain-result">
            <p className="gk-cal-explain__due">
              {t(locale, 'calendar.explainDue', { due: p.explain.result.due })}
              {p.explain.result.provisional ? t(locale, 'calendar.explainProvisional') : ''}
            </p>
            <ol>
              {p.explain.result.explanation.map((s, i) => (
                <li key={i} lang="zh-CN">
                  {s}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </section>

      <div className="gk-cal-forms">
        <section aria-labelledby="import-title" id="import">
          <h2 id="import-title">{t(locale, 'calendar.importTitle')}</h2>
          <p>{t(locale, 'calendar.importIntro')}</p>
          <form method="post" action={`${CALENDAR_PATH}/import`} encType="multipart/form-data" noValidate>
            <CsrfField token={shell.csrfToken} />
            <TextField name="year" label={t(locale, 'calendar.importYear')} value={v.importYear ?? String(view.year)} inputMode="numeric" maxLength={4} className="gk-width-5" error={err('import', 'year')} locale={locale} />
            <FileField name="file" label={t(locale, 'calendar.importFile')} accept=".json,application/json" required={false} locale={locale} />
            <Textarea name="json" label={t(locale, 'calendar.importPaste')} value={v.json ?? ''} rows={8} required={false} error={err('import', 'json')} locale={locale} />
            <Button>{t(locale, 'calendar.importSubmit')}</Button>
          </form>
        </section>
        <section aria-labelledby="edit-title" id="edit">
          <h2 id="edit-title">{t(locale, 'calendar.editTitle')}</h2>
          <p>{t(locale, 'calendar.editIntro')}</p>
          <form method="post" action={`${CALENDAR_PATH}/days`} noValidate>
            <CsrfField token={shell.csrfToken} />
            <DateField name="date" label={t(locale, 'calendar.editDate')} value={p.form === 'edit' ? (v.date ?? '') : ''} error={err('edit', 'date')} locale={locale} />
            <Radios
              name="workday"
              label={t(locale, 'calendar.editKind')}
              value={v.workday ?? null}
              options={[
                { value: '0', label: t(locale, 'calendar.editKindOff') },
                { value: '1', label: t(locale, 'calendar.editKindWork') },
              ]}
              inline
              error={err('edit', 'workday')}
              locale={locale}
            />
            <TextField name="name" label={t(locale, 'calendar.editName')} hint={t(locale, 'calendar.editNameHint')} value={v.name ?? ''} required={false} locale={locale} />
            <TextField name="reason" label={t(locale, 'calendar.editReason')} hint={t(locale, 'calendar.editReasonHint')} value={v.reason ?? ''} error={err('edit', 'reason')} locale={locale} />
            <Button>{t(locale, 'calendar.editSubmit')}</Button>
          </form>
        </section>
      </div>
    </AdminLayout>
  );
}
