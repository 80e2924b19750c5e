// Agency scope: admin sees every agency; supervisor its own agency and every agency below it;
// officer / reviewer / leader only their own agency. Pure: the tree is passed in.
import type { Role } from '../../db/types.ts';

export interface AgencyNode {
  id: number;
  parent_id: number | null;
}

export function descendantsAndSelf(tree: readonly AgencyNode[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const a of tree) {
    if (a.parent_id === null) continue;
    const list = children.get(a.parent_id) ?? [];
    list.push(a.id);
    children.set(a.parent_id, list);
  }
  const out: number[] = [];
  const seen = new Set<number>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue; // a cycle in bad data must not loop forever
    seen.add(id);
    out.push(id);
    for (const c of children.get(id) ?? []) stack.push(c);
  }
  return out.sort((a, b) => a - b);
}

/** Whether the role's scope depends on the agency tree (otherwise it is the user's own agency). */
export function scopeNeedsTree(role: Role): boolean {
  return role === 'admin' || role === 'supervisor';
}

export function scopeFor(role: Role, agencyId: number, tree: readonly AgencyNode[]): number[] {
  if (role === 'admin') return tree.map((a) => a.id).sort((a, b) => a - b);
  if (role === 'supervisor') return descendantsAndSelf(tree, agencyId);
  return [agencyId];
}
