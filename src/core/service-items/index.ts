// Public interface of the service-items core (pure: no I/O, no clock).
export * from './elements.ts';
export * from './values.ts';
export * from './history.ts';
export * from './consistency.ts';
export * from './cases.ts';
export * from './catalogue-import.ts';
export * from './digest.ts';
