// Public interface of the 好差评 and suggestions rules (pure core).
export * from './rules.ts';
export * from './stats.ts';
