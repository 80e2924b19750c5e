// Delivering what was decided: the applicant's status lookup (query code + phone) lists every issued letter and
// every disclosed file, each with a signed download link. A link carries no personal data and no usable id on
// its own: `l|f . id . expiry . binding . signature`, where the binding is a keyed signature of the query code
// and phone the lookup was made with (checked again against the case at download) and the signature covers the
// rest under the personal-data key (every configured key verifies during a rotation). A forged or altered link
// is unknown (404), an expired one refused (403); every download is written to the audit log.
import { timingSafeEqual } from 'node:crypto';
import { AppError, notFound } from '../shared/errors.ts';
import type { Letter } from '../letters/letters.service.ts';
import type { Agency } from '../agencies/agencies.service.ts';
import { disclosuresOf, findDisclosure, type DisclosureRow } from './applications.repository.ts';
import { ATTACHMENT_FIELD } from '../personal-data/personal-data.service.ts';
import { cleanFileName } from '../shared/filenames.ts';
import { digits, type AppContext } from './applications.context.ts';
import { redactedName } from './applications.redaction.ts';
import type { ApplicationRow } from './applications.repository.ts';

/** How long a download link from the status lookup works (seconds): a day, then the applicant looks it up again. */
export const DOWNLOAD_LINK_TTL_SECONDS = 24 * 60 * 60;
export const DOWNLOAD_PATH = '/api/applications/status/downloads/';

const SIGN_PURPOSE = 'status-download';
const BIND_PURPOSE = 'status-binding';

export type Download =
  | { kind: 'file'; filename: string; mime: string; data: Buffer }
  | { kind: 'letter'; letter: Letter; agency: Agency };

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function disclosureUseCases(app: AppContext) {
  const { db, cipher, clock, letters, agencies, audit, findApplication } = app;

  /** Bindings of a case's query code and phone under every key (current first). */
  const bindings = (code: string, phone: string) => cipher.signatures(BIND_PURPOSE, `${code}\u0000${digits(phone)}`).map((s) => s.slice(0, 22));

  function sign(kind: 'l' | 'f', id: number, row: Pick<ApplicationRow, 'query_code' | 'phone'>): string {
    const exp = Math.floor(clock().getTime() / 1000) + DOWNLOAD_LINK_TTL_SECONDS;
    const payload = `${kind}.${id}.${exp}.${bindings(row.query_code, row.phone)[0]}`;
    return `${DOWNLOAD_PATH}${payload}.${cipher.signatures(SIGN_PURPOSE, payload)[0]}`;
  }

  /** The frozen (approved) items of a case: only what a reviewer approved with a letter is delivered. */
  async function frozen(agencyId: number, applicationId: number): Promise<DisclosureRow[]> {
    return (await disclosuresOf(db, agencyId, applicationId)).filter((d) => d.frozen_at !== null);
  }

  return {
    /** Download links of the letters and the disclosed items, for the status lookup of `row` (already matched by code + phone). */
    async links(row: ApplicationRow, ls: readonly Letter[]) {
      const items = await frozen(row.agency_id, row.id);
      return {
        letters: ls.map((l) => ({ id: l.id, url: sign('l', l.id, row) })),
        files: items.map((d) => d.kind === 'file'
          ? d.redacted_base64
            // 区分处理: the redacted copy is what the applicant gets, never the original (decision 120)
            ? { kind: 'file' as const, title: d.title, filename: cleanFileName(redactedName(d.filename ?? d.title), '附件.pdf'), size: d.redacted_size ?? 0, url: sign('f', d.id, row) }
            : { kind: 'file' as const, title: d.title, filename: cleanFileName(d.filename ?? d.title, '附件'), size: d.size ?? 0, url: sign('f', d.id, row) }
          : { kind: 'catalogue' as const, title: d.title, filename: null, size: null, url: `/items/${d.catalogue_item_id}` }),
      };
    },

    /** What a signed link points to, after checking signature, expiry and the binding to the case's code + phone; audited. */
    async download(token: string): Promise<Download> {
      const gone = () => notFound('下载链接无效。请用查询码和联系电话重新查询办理进度，从查询结果中下载。');
      const parts = token.split('.');
      if (parts.length !== 5) throw gone();
      const [kind, idText, expText, binding, sig] = parts as [string, string, string, string, string];
      const payload = `${kind}.${idText}.${expText}.${binding}`;
      if (!cipher.signatures(SIGN_PURPOSE, payload).some((s) => same(s, sig))) throw gone();
      const id = Number(idText);
      const exp = Number(expText);
      if ((kind !== 'l' && kind !== 'f') || !Number.isSafeInteger(id) || !Number.isSafeInteger(exp)) throw gone();
      if (Math.floor(clock().getTime() / 1000) > exp) {
        throw new AppError('forbidden', { title: '下载链接已过期', detail: '下载链接已过期（有效期24小时）。请用查询码和联系电话重新查询办理进度后再下载。' });
      }
      let applicationId: number;
      let out: Download;
      let what: Record<string, unknown>;
      if (kind === 'f') {
        const d = await findDisclosure(db, id);
        if (!d || d.kind !== 'file' || d.frozen_at === null || !d.content_base64) throw gone();
        applicationId = d.application_id;
        out = d.redacted_base64
          // 区分处理: only the redacted copy leaves (decision 120); files that cannot be redacted (other types) go as they are
          ? { kind: 'file', filename: cleanFileName(redactedName(d.filename ?? d.title), '附件.pdf'), mime: 'application/pdf', data: cipher.openBytes(ATTACHMENT_FIELD, d.redacted_base64) }
          : { kind: 'file', filename: cleanFileName(d.filename ?? d.title, '附件'), mime: d.mime ?? 'application/octet-stream', data: cipher.openBytes(ATTACHMENT_FIELD, d.content_base64) };
        what = { disclosureId: d.id, filename: out.filename };
      } else {
        const l = await letters.get(id);
        if (!l) throw gone();
        applicationId = l.applicationId;
        const owner = await findApplication(db, l.applicationId);
        out = { kind: 'letter', letter: l, agency: (await agencies.get(owner?.agency_id ?? 0))! };
        what = { letterId: l.id, number: l.number };
      }
      const row = await findApplication(db, applicationId);
      // the link was made for this case's code and phone: a link of another case, or made before the phone changed, is unknown
      if (!row || !bindings(row.query_code, row.phone).some((b) => same(b, binding))) throw gone();
      await audit.record(db, {
        actor: { userId: null, displayName: '申请人（凭查询码下载）' }, agencyId: row.agency_id, action: kind === 'f' ? 'application.downloadDisclosure' : 'application.downloadLetter',
        entity: 'application', entityId: row.id, after: what,
      });
      return out;
    },
  };
}
