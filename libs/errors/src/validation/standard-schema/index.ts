// Standard Schema as a validation source (zod, valibot, arktype, ...): the pipe and the
// pure issues-to-errors translation it uses.
export { ContractStandardSchemaPipe } from './standard-schema.pipe.js';
export type { StandardSchemaPipeOptions } from './standard-schema.pipe.js';
export { standardSchemaIssuesToErrors } from './issues-to-errors.js';
export type { StandardSchemaErrorsOptions } from './issues-to-errors.js';
export type { StandardSchemaIssue } from './issue.js';
