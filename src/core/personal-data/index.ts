// Public interface of the personal-data core (pure): the field-level policy per role and the masks.
export * from './policy.ts';
