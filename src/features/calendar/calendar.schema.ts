// Input schemas of the calendar and deadline API.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');

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
  reason: z.string().max(500),
  name: z.string().max(50).nullish(),
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
