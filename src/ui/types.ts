// Plain-data types shared by the page kit. The ui layer never reads the database or features:
// everything a page shows arrives through these props.

export type Locale = 'zh-CN' | 'en';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** The disclosure-work body's contact data, as 条例 第十二条 requires it in the 政府信息公开指南. */
export interface AgencyContact {
  name: string;
  /** 政府信息公开工作机构 名称 */
  workBodyName: string;
  address: string;
  postcode: string;
  officeHours: string;
  phone: string;
  fax: string;
  email: string;
  website: string;
  /** 统一社会信用代码: names the agency's RSS feed (/feeds/<code>.rss); no feed link without it */
  creditCode?: string;
}

/** Reading preferences (适老化): 长辈模式 and high contrast, stored by the backend in a cookie. */
export interface Prefs {
  largeText: boolean;
  highContrast: boolean;
}

export const DEFAULT_PREFS: Prefs = { largeText: false, highContrast: false };

export type Role = 'admin' | 'officer' | 'reviewer' | 'leader' | 'supervisor';

export interface StaffUser {
  displayName: string;
  role: Role;
  agencyName: string;
}

export interface Flash {
  kind: 'success' | 'error' | 'info';
  text: string;
}

export interface FieldError {
  /** the form field's name; the field's element id is `field-<name>` */
  field: string;
  message: string;
}

export interface Crumb {
  href: string;
  label: string;
}

/**
 * One card on the 工作台 (back-office home). The contract between features and the page: a feature contributes
 * a provider `(actor) => Promise<readonly DashboardCard[]>` (type DashboardCardProvider in features/services.ts),
 * listed once in `dashboardCards` in src/main.ts; the page shows every provider's cards in that order. A card
 * is a count or short status (`value`) under a `title`, links to the list it summarises (`href`, filters in the
 * URL), and may carry one line of detail (`note`). Providers return only what the actor may see (scope) and no
 * card when there is nothing to say.
 */
export interface DashboardCard {
  /** e.g. "我的待办案件" */
  title: string;
  /** e.g. 3, "剩余 12 天", "已发布" */
  value: string | number;
  /** the list or page the card summarises */
  href: string;
  /** optional line under the value, e.g. "其中 2 件即将到期" */
  note?: string;
}

/**
 * One thing a person must do next, as the work queue (待办) lists it: on the 工作台, in GET /api/my-work and in the
 * daily digest. A feature contributes them through a WorkProvider (features/work/work.service.ts).
 */
export interface WorkItem {
  /** Stable machine name, e.g. 'confirm_receipt' (a later feature adds its own). */
  kind: string;
  /** The kind in Chinese, e.g. 待确认收到. */
  kindLabel: string;
  title: string;
  /** Name of the agency the work belongs to. */
  agency: string;
  /** The record's reference (查询码, 索引号, year …). */
  ref: string;
  /** Back-office page where the work is done. */
  url: string;
  /** The list of every item of this kind (filters in the URL), e.g. /admin/applications?view=to_confirm; the 工作台 links the kind to it. */
  listUrl?: string;
  /** The date the work should be done by (YYYY-MM-DD), or null. */
  due: string | null;
  overdue: boolean;
  /** One line of context, e.g. "已提交 3 个工作日". */
  note?: string;
  /** Needs attention now although not (yet) overdue, e.g. an online application unconfirmed since the 2nd working day. */
  warning?: boolean;
}
