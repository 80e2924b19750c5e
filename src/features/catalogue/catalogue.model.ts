// 主动公开 catalogue: the service's options, actors and the shapes its use cases return (re-exported by
// catalogue.service.ts, the feature's one entry point).
import type { Calendar } from '../../core/calendar/types.ts';
import type { Action, CatalogueRole, State } from '../../core/catalogue/workflow.ts';
import type { Article26Clock } from '../../core/catalogue/clock.ts';
import type { Segment, Snippet } from '../../core/search/highlight.ts';
import type { Tier } from '../../core/search/rank.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DeadlinesService } from '../deadlines/deadlines.service.ts';
import type { Actor } from '../shared/actor.ts';
import { legalDateOf } from '../shared/legal-date.ts';
import type * as repo from './catalogue.repository.ts';
import type { FileStoreOptions } from './catalogue.files.ts';
import type { CacheSignals } from '../cluster/cluster.service.ts';

export interface CatalogueOptions {
  audit: AuditService;
  agencies: AgenciesService;
  clock?: () => Date;
  /** The working-day calendar in force (the calendar feature's store, editable) */
  calendar: () => Calendar | Promise<Calendar>;
  /**
   * The deadlines feature: the 第二十六条 clock of every unpublished 主动公开 item is tracked there (kind
   * 'proactive_publish'), so it is recomputed when the calendar changes. Without it, clocks are computed on read.
   */
  deadlines?: DeadlinesService;
  files: FileStoreOptions;
  /** Several processes on one database (decision 095): tell the others when public content changed, hear theirs. */
  signals?: Pick<CacheSignals, 'bump' | 'subscribe'>;
}

/** The system (CLI, seed, import) acting with full catalogue rights. */
export interface SystemActor {
  userId: null;
  displayName: string;
  role: 'admin';
  agencyId: number;
  visibleAgencyIds: readonly number[];
}
export type CatalogueActor = Actor | SystemActor;

/** The catalogue roles of an actor: the system (no person) has them all; the administrator, as a person, none. */
export function catalogueRoles(actor: CatalogueActor): CatalogueRole[] {
  if (actor.userId === null) return ['system'];
  switch (actor.role) {
    case 'officer': return ['officer'];
    case 'reviewer': return ['reviewer'];
    case 'leader': return ['leader'];
    default: return [];
  }
}

/** Calendar date in Asia/Shanghai (dates with legal meaning are China calendar dates). */
export function shanghaiDate(d: Date): string {
  return legalDateOf(d);
}

export interface ItemDetail {
  id: number;
  agencyId: number;
  indexNo: string;
  createdOn: string;
  state: State | 'withdrawn';
  stateLabel: string;
  public: boolean;
  validity: string;
  validityChangedOn: string | null;
  validityReason: string | null;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
  workingVersion: number;
  publishedVersion: number | null;
  publishedOn: string | null;
  firstPublishedOn: string | null;
  version: number;
  working: repo.VersionRow;
  published: repo.VersionRow | null;
  attachments: Array<{ id: number; filename: string; size: number; mime: string }>;
  publishedAttachments: Array<{ id: number; filename: string; size: number; mime: string }>;
  links: Awaited<ReturnType<typeof repo.linksOf>>;
  events: Array<{ action: string; at: string; actorName: string; data: unknown }>;
  versions: Array<{ versionNo: number; state: string; title: string; publishedOn: string | null; changeNote: string | null }>;
  allowedActions: Action[];
  /** Set when the author rule holds back a 保密审查 or 审核 this user's role would otherwise allow (shown on the page). */
  separationNote: string | null;
  clock: Article26Clock | null;
  /** Made from information disclosed on application (条例 第四十四条); the case link only for the handling agency's staff. */
  origin: { applicationId: number; caseUrl: string | null } | null;
}

export interface PublicItem {
  id: number;
  agencyId: number;
  indexNo: string;
  title: string;
  docNumber: string | null;
  publisher: string;
  madeOn: string | null;
  publishedOn: string;
  validity: string;
  validityChangedOn: string | null;
  category: number;
  subject: string | null;
  kind: string;
  summary: string | null;
  bodyHtml: string;
  attachments: Array<{ id: number; filename: string; size: number; mime: string }>;
  interpretations: Array<{ id: number; title: string; publishedOn: string | null }>;
  policies: Array<{ id: number; title: string; publishedOn: string | null }>;
  versionNo: number;
}

export interface SearchResult {
  id: number;
  agencyId: number;
  indexNo: string;
  title: string;
  titleSegments: Segment[];
  snippet: Snippet;
  docNumber: string | null;
  publisher: string;
  kind: string;
  category: number;
  publishedOn: string;
  validity: string;
  subject: string | null;
  /** 0: the title matched; 1: the catalogue metadata (信息类型, 文号, 发布机构, 主题分类, 索引号); 2: only the text */
  tier: Tier;
}

export interface SearchInput {
  q: string;
  agencyId?: number | null;
  category?: number | null;
  kind?: string | null;
  year?: number | null;
  validity?: string | null;
  page: number;
  pageSize?: number;
}

export const CLOCK_ENTITY = 'catalogue_item';
/** The deadlines-table kind of the 第二十六条 clock (条例 第二十六条). */
export const CLOCK_KIND = 'proactive_publish';

export interface ClockWarning {
  id: number;
  indexNo: string;
  title: string;
  state: string;
  clock: Article26Clock;
}

export interface ImportRowReport {
  row: number;
  title: string;
  problems: string[];
  indexNo: string | null;
}

/** One already-published item for bulkLoadPublished. */
export interface BulkItem {
  title: string;
  summary: string;
  body: string;
  kind: string;
  category: number;
  subject?: string | null;
  madeOn: string;
  publishedOn: string;
  docNumber: string | null;
  validity: 'valid' | 'abolished' | 'expired';
}

export const IMPORT_COLUMNS = ['索引号', '标题', '文号', '发布机构', '成文日期', '发布日期', '有效性', '有效性变更日期', '第二十条类别', '主题分类', '信息类型', '公开属性', '不予公开理由', '内容概述', '正文'] as const;
