import { ErrorCode, isErrorCode } from './error-code.js';
import * as database from './database.codes.js';
import * as domain from './domain.codes.js';
import * as request from './request.codes.js';
import * as server from './server.codes.js';
import * as validation from './validation.codes.js';

/** The code constants of one category file, keyed by their names (lists and maps left out). */
export type CodesOf<Module> = {
  readonly [Name in keyof Module as Module[Name] extends ErrorCode ? Name : never]: ErrorCode;
};

function codesOf<Module extends object>(module: Module): CodesOf<Module> {
  const codes = Object.entries(module).filter(([, value]) => isErrorCode(value));
  return Object.freeze(Object.fromEntries(codes)) as CodesOf<Module>;
}

/*
 * The built-in codes, one object per category, so that an app reaches them without
 * generic top-level names that would collide with its own (`ValidationCodes.MIN`, not
 * `MIN`). Each object is derived from its category file: a code added there is here.
 */
/** Request and HTTP codes (1000-1999): routing, body parsing, media types, HTTP statuses. */
export const RequestCodes = codesOf(request);
/** Validation codes (2000-2999): one per class-validator rule, plus the body-level ones. */
export const ValidationCodes = codesOf(validation);
/** Database codes (3000-3999): what PostgreSQL reports, by SQLSTATE and constraint. */
export const DatabaseCodes = codesOf(database);
/** Domain codes (4000-4999): the defaults of the domain exceptions. */
export const DomainCodes = codesOf(domain);
/** Server codes (5000-5999): errors the client cannot fix. */
export const ServerCodes = codesOf(server);
