import type { GraphQLSchema } from 'graphql';
import type { ErrorCode } from '../../codes/error-code.js';
import { DATABASE_TIMEOUT, DATABASE_UNAVAILABLE } from '../../codes/database.codes.js';
import { INTERNAL_ERROR } from '../../codes/server.codes.js';
import type { ConstraintRule } from '../../database/options.js';
import { declaredErrorResponses } from '../../declared-errors/error-responses.decorator.js';
import { DtoClass, dtoRules } from '../../route-errors/dto-rules.js';
import { resolveEntries } from '../../route-errors/route-errors.js';

/** A resolver class (its methods named like the root fields they resolve, as code-first names them). */
export type ResolverClass = abstract new (...args: never[]) => unknown;

/** What the app's configuration says, for the codes a field can answer with. */
export interface SchemaErrorContext {
  readonly constraints: Readonly<Record<string, ConstraintRule>>;
  /** Whether database errors are translated (their 503s can then answer any field). */
  readonly database: boolean;
}

/** Where a field's codes start in its description; the drift check reads them back from there. */
export const ERRORS_HEADING = 'Errors (`extensions.error_code`):';

/**
 * Adds to the description of each root field (Query, Mutation) the error codes it can
 * answer with, derived as for the OpenAPI document: the validation rules of its input
 * types, what its resolver declares with `@ErrorResponses()` (constraints resolved
 * through the registry), and the server errors any field can answer with. The fields
 * are found by their resolver method's name. Code-first schemas only; a resolver method
 * named otherwise than its field is not documented.
 */
export function documentSchemaErrors(
  schema: GraphQLSchema,
  resolvers: readonly ResolverClass[],
  context: SchemaErrorContext,
): GraphQLSchema {
  const roots = [schema.getQueryType(), schema.getMutationType()].filter((type) => type != null);
  for (const resolver of resolvers) {
    for (const method of Object.getOwnPropertyNames(resolver.prototype)) {
      if (method === 'constructor') continue;
      for (const root of roots) {
        const field = root.getFields()[method];
        if (!field) continue;
        const codes = fieldCodes(resolver, method, context);
        field.description = [field.description, describeCodes(codes)].filter(Boolean).join('\n\n');
      }
    }
  }
  return schema;
}

/** The codes one resolver method can answer with, in numeric order. */
export function fieldCodes(resolver: ResolverClass, method: string, context: SchemaErrorContext): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  const handler = (resolver.prototype as Record<string, unknown>)[method] as (...args: never[]) => unknown;
  const parameterTypes = (Reflect.getMetadata('design:paramtypes', resolver.prototype as object, method) ??
    []) as unknown[];
  for (const type of parameterTypes) {
    if (typeof type !== 'function' || BUILT_IN_TYPES.has(type)) continue;
    for (const rule of dtoRules(type as DtoClass).rules) codes.add(rule.code);
  }
  const declared = [...declaredErrorResponses(resolver), ...declaredErrorResponses(handler)];
  let groups = 0;
  for (const entry of resolveEntries(
    declared,
    { globalPipes: [], constraints: context.constraints, bodyMediaTypes: [] },
    `${resolver.name}.${method}`,
    () => ++groups,
  )) {
    codes.add(entry.code);
  }
  codes.add(INTERNAL_ERROR);
  if (context.database) [DATABASE_UNAVAILABLE, DATABASE_TIMEOUT].forEach((code) => codes.add(code));
  return [...codes].sort((a, b) => Number(a.code) - Number(b.code));
}

/** `Errors (extensions.error_code): 2056 IS_EMAIL, 6002 EMAIL_TAKEN, 5000 INTERNAL_ERROR.` */
function describeCodes(codes: readonly ErrorCode[]): string {
  return `${ERRORS_HEADING} ${codes.map((code) => `${code.code} ${code.name}`).join(', ')}.`;
}

/** The error codes a field's description lists (what `documentSchemaErrors` wrote). */
export function codesInDescription(description: string | null | undefined): string[] {
  const start = description?.indexOf(ERRORS_HEADING) ?? -1;
  if (!description || start === -1) return [];
  return [...description.slice(start).matchAll(/\b(\d{4}) [A-Z0-9_]+/gu)].map((match) => match[1]);
}

const BUILT_IN_TYPES: ReadonlySet<unknown> = new Set([String, Number, Boolean, Object, Array, Date, Promise]);
