// Every CLI command module, registered in this order. A new command group adds ONE import and
// ONE entry: src/cli/commands/<name>.ts exporting `register(program: Command): void`.
import type { Command } from 'commander';
import { register as serve } from './serve.ts';
import { register as db } from './db.ts';
import { register as demo } from './demo.ts';
import { register as user } from './user.ts';
import { register as backup } from './backup.ts';
import { register as bench } from './bench.ts';
import { register as benchData } from './bench-data.ts';
import { register as report } from './report.ts';
import { register as calendar } from './calendar.ts';
import { register as deadline } from './deadline.ts';
import { register as personalData } from './personal-data.ts';
import { register as audit } from './audit.ts';
import { register as work } from './work.ts';
import { register as redact } from './redact.ts';
import { register as evaluations } from './evaluations.ts';
import { register as serviceItems } from './service-items.ts';

export const commandModules: readonly ((program: Command) => void)[] = [serve, db, demo, user, backup, bench, benchData, report, calendar, deadline, personalData, audit, work, redact, evaluations, serviceItems];
