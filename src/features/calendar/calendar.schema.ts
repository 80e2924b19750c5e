// Input schemas of the calendar and deadline API.
import { z } from 'zod';
import { dateField, meaningful } from '../shared/fields.ts';

// Calendar days and "today" for a computation may lie ahead (next year's 调休): real dates up to 2099-12-31.
const isoDate = dateField('日期', { future: true });

export const workdaysQuerySchema = z.object({ from: isoDate, to: isoDate });

export const importBodySchema = z.object({
  /** the year the administrator means to import (checked against data.year) */
  year: z.number().int().min(1990).max(2100).optional(),
  /** holiday-cn shape: { year, papers, days: [{ name, date, isOffDay }] } */
  data: z.unknown(),
});

export const editDayBodySchema = z.object({
  date: isoDate,
  workday: z.boolean(),
  reason: meaningful(z.string().trim().max(500, { error: '调整理由不能超过500个字' }), '调整理由'),
  name: meaningful(z.string().trim().max(50, { error: '名称不能超过50个字' }), '名称').nullish(),
});

export const computeBodySchema = z.object({
  ledger: z.unknown(),
  today: isoDate.optional(),
});

export const movedSchema = z.object({
  id: z.number(),
  agencyId: z.number(),
  entity: z.string(),
  entityId: z.string(),
  kind: z.string(),
  oldDue: z.string().nullable(),
  newDue: z.string().nullable(),
  error: z.string().optional(),
});
