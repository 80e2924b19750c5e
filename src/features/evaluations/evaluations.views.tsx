// Public pages of 好差评 and the suggestions ledger: the rating page of a window, a 办件 or the agency (reached by QR
// code; phone-first, no sign-in, each level a large touch target, works in 长辈模式), the receipt, the status page by
// receipt code, the suggestion form (吐槽找茬) and its status page. Server-rendered forms that work without JavaScript.
import { Button, ErrorSummary, Notice, PortalLayout, Radios, SummaryList, TextField, Textarea, errorFor, t, type AgencyContact, type FieldError, type Locale, type Prefs } from '../../ui/index.ts';
import { LEVELS } from '../../core/evaluations/index.ts';
import type { QrSymbol } from './evaluations.card.ts';
import type { PublicRatingStatus } from './evaluations.service.ts';
import type { PublicSuggestionStatus } from './evaluations.suggestions.ts';

export type FormValues = Record<string, string | undefined>;

interface PublicBase {
  locale: Locale;
  agency: AgencyContact;
  prefs?: Prefs | undefined;
  currentPath: string;
}

const STARS: Record<number, string> = { 5: '★★★★★', 4: '★★★★', 3: '★★★', 2: '★★', 1: '★' };

/** The QR symbol drawn as one SVG path (no inline markup from the library). */
export function QrImage({ symbol, label, size = 12 }: { symbol: QrSymbol; label: string; size?: number }) {
  return (
    <svg className="gk-qr" role="img" aria-label={label} viewBox={`0 0 ${symbol.viewBox} ${symbol.viewBox}`} width={`${size}rem`} height={`${size}rem`} shapeRendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
      <rect width={symbol.viewBox} height={symbol.viewBox} fill="#ffffff" />
      <path d={symbol.path} fill="#000000" />
    </svg>
  );
}

function Honeypot() {
  return (
    <div className="gk-visually-hidden" aria-hidden="true">
      <label htmlFor="field-website">请勿填写此项（用于识别自动程序）</label>
      <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

export function RatePage(p: PublicBase & {
  action: string;
  /** what is rated, as the page names it (窗口：1号窗口) */
  targetName: string;
  /** a 办件 page asks for (or shows) the 办件编号 */
  askCaseRef: boolean;
  values: FormValues;
  errors: readonly FieldError[];
}) {
  const { locale } = p;
  const fields = new Set(['level', 'comment', 'ref', 'name', 'phone']);
  return (
    <PortalLayout locale={locale} agency={p.agency} prefs={p.prefs} currentPath={p.currentPath} title={t(locale, 'evaluations.rate.title')}>
      <div className="gk-rate">
        <h1 className="gk-heading-l">{t(locale, 'evaluations.rate.heading')}<span className="gk-rate__target" data-testid="rate-target">{p.targetName}</span></h1>
        <p className="gk-hint">{p.agency.name}</p>
        <p>{t(locale, 'evaluations.rate.intro')}</p>
        <ErrorSummary errors={p.errors} locale={locale} linked={(f) => fields.has(f)} />
        <form method="post" action={p.action} noValidate>
          {p.askCaseRef ? (
            <TextField name="ref" label={t(locale, 'evaluations.rate.caseRefLabel')} hint={t(locale, 'evaluations.rate.caseRefHint')} value={p.values.ref} error={errorFor(p.errors, 'ref')} maxLength={60} spellCheck={false} autoComplete="off" locale={locale} />
          ) : null}
          <Radios className="gk-rating" name="level" label={t(locale, 'evaluations.rate.levelLabel')} value={p.values.level} error={errorFor(p.errors, 'level')} locale={locale}
            options={LEVELS.map((l) => ({ value: String(l), label: `${STARS[l]} ${t(locale, `evaluations.levels.${l}`)}` }))} />
          <Textarea name="comment" label={t(locale, 'evaluations.rate.commentLabel')} hint={t(locale, 'evaluations.rate.commentHint')} value={p.values.comment} error={errorFor(p.errors, 'comment')} rows={4} maxLength={1000} required={false} locale={locale} />
          <fieldset className="gk-fieldset">
            <legend className="gk-fieldset__legend">{t(locale, 'evaluations.rate.contactSection')}</legend>
            <p className="gk-hint">{t(locale, 'evaluations.rate.contactHint')}</p>
            <TextField name="name" label={t(locale, 'evaluations.rate.nameLabel')} value={p.values.name} error={errorFor(p.errors, 'name')} maxLength={50} autoComplete="name" required={false} locale={locale} />
            <TextField name="phone" label={t(locale, 'evaluations.rate.phoneLabel')} type="tel" inputMode="tel" value={p.values.phone} error={errorFor(p.errors, 'phone')} maxLength={30} autoComplete="tel" required={false} locale={locale} />
          </fieldset>
          <Honeypot />
          <div className="gk-rate__submit"><Button>{t(locale, 'evaluations.rate.submit')}</Button></div>
        </form>
        <p><a href="/rate/status">{t(locale, 'evaluations.rate.statusLink')}</a> · <a href={`/suggest/${encodeURIComponent(p.agency.creditCode ?? '')}`}>{t(locale, 'evaluations.rate.suggestLink')}</a></p>
      </div>
    </PortalLayout>
  );
}

export function RateReceiptPage(p: PublicBase & { receiptCode: string; bad: boolean; targetName: string }) {
  const { locale } = p;
  return (
    <PortalLayout locale={locale} agency={p.agency} prefs={p.prefs} currentPath={p.currentPath} title={t(locale, 'evaluations.rate.receiptTitle')}>
      <div className="gk-rate">
        <div className="gk-panel gk-panel--confirmation">
          <h1 className="gk-heading-l">{t(locale, 'evaluations.rate.receiptTitle')}</h1>
          <p>{t(locale, 'evaluations.rate.receiptCode')}：<strong className="gk-query-code" data-testid="receipt-code">{p.receiptCode}</strong></p>
        </div>
        <p>{p.targetName}</p>
        {p.bad ? <Notice kind="info">{t(locale, 'evaluations.rate.badNotice')}</Notice> : null}
        <p>{t(locale, 'evaluations.rate.keepCode')}</p>
        <p><a className="gk-button gk-button--secondary" href={`/rate/status?code=${encodeURIComponent(p.receiptCode)}`}>{t(locale, 'evaluations.rate.statusLink')}</a></p>
      </div>
    </PortalLayout>
  );
}

export function RatingStatusPage(p: PublicBase & { values: FormValues; errors: readonly FieldError[]; status?: PublicRatingStatus | undefined; notFound?: string | undefined }) {
  const { locale } = p;
  const s = p.status;
  const o = s?.order;
  return (
    <PortalLayout locale={locale} agency={p.agency} prefs={p.prefs} currentPath={p.currentPath} title={t(locale, 'evaluations.status.title')}>
      <div className="gk-rate">
        <h1 className="gk-heading-l">{t(locale, 'evaluations.status.title')}</h1>
        <p>{t(locale, 'evaluations.status.intro')}</p>
        <ErrorSummary errors={p.errors} locale={locale} />
        {p.notFound ? <Notice kind="warning">{p.notFound}</Notice> : null}
        <form method="post" action="/rate/status" noValidate>
          <TextField name="code" label={t(locale, 'evaluations.status.codeLabel')} value={p.values.code} error={errorFor(p.errors, 'code')} maxLength={20} spellCheck={false} autoComplete="off" locale={locale} />
          <div className="gk-rate__submit"><Button>{t(locale, 'evaluations.status.submit')}</Button></div>
        </form>
        {s ? (
          <section aria-labelledby="status-result">
            <h2 className="gk-heading-m" id="status-result">{t(locale, 'evaluations.status.result')}</h2>
            <SummaryList items={[
              { key: '回执码', value: s.receiptCode },
              { key: '评价对象', value: `${s.agencyName} · ${s.targetLabel}` },
              { key: '评价', value: `${s.levelLabel}（${s.ratedOn}）` },
              ...(o ? [
                { key: '处理状态', value: <strong data-testid="status-state">{o.stateLabel}</strong> },
                ...(o.classificationLabel ? [{ key: '处理方式', value: o.classificationLabel }] : []),
                ...(o.dueOn && !o.feedback ? [{ key: '答复期限', value: o.dueOn }] : []),
                { key: '给您的答复', value: <span data-testid="status-feedback">{o.feedback ? `${o.feedback}（${o.feedbackOn}）` : t(locale, 'evaluations.status.waiting')}</span> },
                ...(o.closedOn ? [{ key: '办结日期', value: o.closedOn }] : []),
              ] : [{ key: '处理状态', value: <span data-testid="status-state">{t(locale, 'evaluations.status.noOrder')}</span> }]),
            ]} />
          </section>
        ) : null}
      </div>
    </PortalLayout>
  );
}

export function SuggestPage(p: PublicBase & { action: string; values: FormValues; errors: readonly FieldError[] }) {
  const { locale } = p;
  return (
    <PortalLayout locale={locale} agency={p.agency} prefs={p.prefs} currentPath={p.currentPath} title={t(locale, 'evaluations.suggest.title')}>
      <div className="gk-rate">
        <h1 className="gk-heading-l">{t(locale, 'evaluations.suggest.title')}</h1>
        <p className="gk-hint">{p.agency.name}</p>
        <p>{t(locale, 'evaluations.suggest.intro')}</p>
        <ErrorSummary errors={p.errors} locale={locale} linked={(f) => ['content', 'name', 'phone'].includes(f)} />
        <form method="post" action={p.action} noValidate>
          <Textarea name="content" label={t(locale, 'evaluations.suggest.contentLabel')} hint={t(locale, 'evaluations.suggest.contentHint')} value={p.values.content} error={errorFor(p.errors, 'content')} rows={6} maxLength={4000} locale={locale} />
          <fieldset className="gk-fieldset">
            <legend className="gk-fieldset__legend">{t(locale, 'evaluations.suggest.contactSection')}</legend>
            <p className="gk-hint">{t(locale, 'evaluations.suggest.contactHint')}</p>
            <TextField name="name" label={t(locale, 'evaluations.rate.nameLabel')} value={p.values.name} error={errorFor(p.errors, 'name')} maxLength={50} autoComplete="name" required={false} locale={locale} />
            <TextField name="phone" label={t(locale, 'evaluations.rate.phoneLabel')} type="tel" inputMode="tel" value={p.values.phone} error={errorFor(p.errors, 'phone')} maxLength={30} autoComplete="tel" required={false} locale={locale} />
          </fieldset>
          <Honeypot />
          <div className="gk-rate__submit"><Button>{t(locale, 'evaluations.suggest.submit')}</Button></div>
        </form>
        <p><a href="/suggest/status">{t(locale, 'evaluations.suggest.statusTitle')}</a></p>
      </div>
    </PortalLayout>
  );
}

export function SuggestReceiptPage(p: PublicBase & { queryCode: string }) {
  const { locale } = p;
  return (
    <PortalLayout locale={locale} agency={p.agency} prefs={p.prefs} currentPath={p.currentPath} title={t(locale, 'evaluations.suggest.receiptTitle')}>
      <div className="gk-rate">
        <div className="gk-panel gk-panel--confirmation">
          <h1 className="gk-heading-l">{t(locale, 'evaluations.suggest.receiptTitle')}</h1>
          <p>{t(locale, 'evaluations.suggest.queryCode')}：<strong className="gk-query-code" data-testid="query-code">{p.queryCode}</strong></p>
        </div>
        <p>{t(locale, 'evaluations.suggest.keepCode')}</p>
        <p><a className="gk-button gk-button--secondary" href={`/suggest/status?code=${encodeURIComponent(p.queryCode)}`}>{t(locale, 'evaluations.suggest.statusTitle')}</a></p>
      </div>
    </PortalLayout>
  );
}

export function SuggestionStatusPage(p: PublicBase & { values: FormValues; errors: readonly FieldError[]; status?: PublicSuggestionStatus | undefined; notFound?: string | undefined }) {
  const { locale } = p;
  const s = p.status;
  return (
    <PortalLayout locale={locale} agency={p.agency} prefs={p.prefs} currentPath={p.currentPath} title={t(locale, 'evaluations.suggest.statusTitle')}>
      <div className="gk-rate">
        <h1 className="gk-heading-l">{t(locale, 'evaluations.suggest.statusTitle')}</h1>
        <p>{t(locale, 'evaluations.suggest.statusIntro')}</p>
        <ErrorSummary errors={p.errors} locale={locale} />
        {p.notFound ? <Notice kind="warning">{p.notFound}</Notice> : null}
        <form method="post" action="/suggest/status" noValidate>
          <TextField name="code" label={t(locale, 'evaluations.suggest.queryCode')} value={p.values.code} error={errorFor(p.errors, 'code')} maxLength={20} spellCheck={false} autoComplete="off" locale={locale} />
          <div className="gk-rate__submit"><Button>{t(locale, 'evaluations.suggest.statusSubmit')}</Button></div>
        </form>
        {s ? (
          <SummaryList items={[
            { key: '查询码', value: s.queryCode },
            { key: '受理机关', value: s.agencyName },
            { key: '收到日期', value: s.receivedOn },
            { key: '办理状态', value: <strong data-testid="suggestion-state">{s.stateLabel}</strong> },
            ...(s.resultLabel ? [{ key: '办理结果', value: <span data-testid="suggestion-result">{s.resultLabel}</span> }] : [{ key: '答复期限', value: s.dueOn }]),
            ...(s.reply ? [{ key: '答复', value: <span data-testid="suggestion-reply">{s.reply}（{s.repliedOn}）</span> }] : []),
          ]} />
        ) : null}
      </div>
    </PortalLayout>
  );
}
