// Work queues (待办): each feature contributes the kinds of work it knows through one provider interface
// (listed once in src/main.ts, like the 工作台 cards). A provider returns only items the actor may act on now,
// in the actor's agency scope — the same rules the feature's own lists and actions apply.
import type { Actor } from '../shared/actor.ts';

/** One piece of work waiting for the signed-in user. */
/** The type lives with the page kit (the 工作台 shows it); features import it from here. */
export type { WorkItem } from '../../ui/types.ts';
import type { WorkItem } from '../../ui/types.ts';

/** A feature's work for the signed-in user (listed in Services.workProviders). */
export type WorkProvider = (actor: Actor) => Promise<readonly WorkItem[]>;

export interface WorkPage {
  items: WorkItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface WorkService {
  /** The actor's queue: overdue first, then warnings, then by deadline (earliest first; no deadline last). */
  myWork(actor: Actor, opts?: { page?: number; pageSize?: number; kind?: string }): Promise<WorkPage>;
}

/** Most urgent first: overdue, then warned, then the earliest deadline; items without a deadline last. */
export function compareWork(a: WorkItem, b: WorkItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (Boolean(a.warning) !== Boolean(b.warning)) return a.warning ? -1 : 1;
  if (a.due !== b.due) {
    if (a.due === null) return 1;
    if (b.due === null) return -1;
    return a.due < b.due ? -1 : 1;
  }
  return a.kind === b.kind ? a.ref.localeCompare(b.ref) : a.kind.localeCompare(b.kind);
}

export function createWorkService(providers: readonly WorkProvider[]): WorkService {
  return {
    async myWork(actor, opts = {}) {
      const page = Math.max(1, opts.page ?? 1);
      const pageSize = Math.min(200, Math.max(1, opts.pageSize ?? 50));
      let all = (await Promise.all(providers.map((p) => p(actor)))).flat();
      if (opts.kind) all = all.filter((i) => i.kind === opts.kind);
      all.sort(compareWork);
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
    },
  };
}
