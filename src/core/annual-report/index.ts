// Public interface of the annual-report core (pure: no I/O, no clock).
export * from './categories.ts';
export * from './compile.ts';
export * from './narrative.ts';
export * from './workflow.ts';
export * from './overrides.ts';
export * from './deadline.ts';
export * from './csv.ts';
