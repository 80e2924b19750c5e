// Public interface of the applications core (pure: no I/O, no clock).
export * from './applicants.ts';
export * from './outcomes.ts';
export * from './lifecycle.ts';
export * from './fees.ts';
export * from './hints.ts';
export * from './fold.ts';
export * from './templates.ts';
export * from './receipt.ts';
export * from './appeals.ts';
export * from './publication.ts';
