// Shared OpenAPI pieces: the problem+json schema for error responses.
import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string().describe('中文标题'),
    status: z.number().int(),
    code: z.string().describe('稳定的错误代码'),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })),
    requestId: z.string(),
  })
  .describe('RFC 9457 application/problem+json');

/** `response` entries for the given error statuses. */
export function problemSchemas(...statuses: number[]): Record<number, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema]));
}
