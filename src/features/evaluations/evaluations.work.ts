// The 好差评 kinds of the work queue (待办, decision 064): bad_rating — a 差评 work order waiting for the handling unit
// (核实、整改、反馈) or the supervisor (申诉复核、办结); suggestion — a 意见建议 to handle or answer. The same rule as the
// action routes (core/evaluations allowedOrderActions, the actor's scope) decides who gets an item.
import type { WorkProvider } from '../work/work.service.ts';
import type { EvaluationsService } from './evaluations.service.ts';

export function evaluationsWorkProvider(evaluations: Pick<EvaluationsService, 'orderWork' | 'suggestionWork'>): WorkProvider {
  return async (actor) => [...(await evaluations.orderWork(actor)), ...(await evaluations.suggestionWork(actor))];
}
