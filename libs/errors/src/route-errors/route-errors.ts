import { ErrorCode } from '../codes/error-code.js';
import {
  BODY_TOO_LARGE,
  EMPTY_BODY,
  HTTP_BAD_REQUEST,
  HTTP_UNSUPPORTED_MEDIA_TYPE,
  INVALID_UTF8,
  MALFORMED_JSON,
  MALFORMED_REQUEST,
  ROUTE_NOT_FOUND,
  UNSUPPORTED_CHARSET,
  UNSUPPORTED_MEDIA_TYPE,
} from '../codes/request.codes.js';
import {
  ARRAY_TOO_LONG,
  BODY_NOT_OBJECT,
  INVALID_VALUE,
  IS_DEFINED,
  LONE_SURROGATE,
  TOO_MANY_PROPERTIES,
  IS_STRING,
  NESTING_TOO_DEEP,
  TOO_MANY_ERRORS,
  UNKNOWN_PROPERTY,
} from '../codes/validation.codes.js';
import type { ConstraintIndex } from '../database/constraint-index.js';
import type { ConstraintRule } from '../database/options.js';
import { entityErrors } from './entity-errors.js';
import { responseStatus } from '../contract/status-rule.js';
import {
  CollectedErrors,
  ConstraintReference,
  DeclaredError,
  EntityReference,
  ErrorResponseEntry,
  declaredErrorResponses,
} from '../declared-errors/error-responses.decorator.js';
import { ContractValidationPipe, ValidationPipeAnswers, validationPipeAnswers } from '../validation/validation.pipe.js';
import { DEFAULT_MAX_ERRORS } from '../validation/flatten.js';
import { DomainErrors } from '../exceptions/domain-error.js';
import { DtoClass, dtoRules } from './dto-rules.js';
import { DiscoveredRoute } from './route-discovery.js';
import { inputJsonSchema, schemaRules, standardSchemaPipe } from './schema-rules.js';

/** One code a route can answer with, at one status, about one field. */
export interface PossibleError {
  code: ErrorCode;
  status: number;
  /** A field path (placeholders allowed: `{index}`, `{property}`), or null for the request as a whole. */
  field: string | null;
  /** Details this route gives with the code (a rule's arguments), when known. */
  details?: Record<string, unknown> | null;
  /** Errors of one group can be answered together in one response. */
  group?: number;
}

/** What the app's configuration says, for the parts of a route's errors that depend on it. */
export interface RouteErrorContext {
  /** Pipes that run on every parameter of every route (APP_PIPE and `useGlobalPipes`). */
  globalPipes: readonly unknown[];
  /** The constraint registry of the database options. */
  constraints: Readonly<Record<string, ConstraintRule>>;
  /** Media types a body may be sent as. */
  bodyMediaTypes: readonly string[];
  /** What the database translator learnt of the schema at start-up, for `{ entity }` declarations. */
  schema?: ConstraintIndex;
}

/** Placeholder of a key the DTO does not declare. */
export const PROPERTY = '{property}';

/**
 * What the platform's body parsers can answer on any route, before any of its code
 * runs: Express parses (and decompresses) a body sent with any method to any route, and
 * Fastify one sent with DELETE or OPTIONS too. Whether the route reads it does not matter.
 */
const PARSER_CODES: readonly ErrorCode[] = [
  MALFORMED_JSON,
  EMPTY_BODY,
  BODY_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE,
  UNSUPPORTED_CHARSET,
  // Strict JSON parsing refuses a top-level `"text"`, `12` or `null`.
  BODY_NOT_OBJECT,
  // A body that does not decompress as its Content-Encoding says (1400); an encoding the
  // app does not decode (1415: Express with `inflate: false`, Fastify).
  HTTP_BAD_REQUEST,
  HTTP_UNSUPPORTED_MEDIA_TYPE,
];

/** What the body media-type guard adds on a route that reads a body. */
const BODY_GUARD_CODES: readonly ErrorCode[] = [INVALID_UTF8];

/**
 * What a route with path parameters answers for a path its router cannot take: a broken
 * percent-escape (400), or a segment the router refuses to match (404, as for no route).
 */
const PATH_CODES: readonly ErrorCode[] = [MALFORMED_REQUEST, ROUTE_NOT_FOUND];

/**
 * Rules whose check can throw on a string holding a lone UTF-16 surrogate (validator.js
 * encodes it): the pipe then answers INVALID_VALUE on the first string field holding one.
 */
const STRING_RULES: ReadonlySet<ErrorCode> = new Set([IS_STRING]);

/** Classes Nest's ValidationPipe does not validate (it only converts them with `transform`). */
const NOT_VALIDATED: ReadonlySet<unknown> = new Set([String, Boolean, Number, Array, Object, Buffer, Date]);

/**
 * Every (status, code, field) a route can answer with, derived from its code: the
 * validation rules of its DTOs, its pipes, whether it reads a body, and what it and its
 * controller declare with `@ErrorResponses()`.
 */
export function routeErrors(route: DiscoveredRoute, context: RouteErrorContext): PossibleError[] {
  const errors: PossibleError[] = [];
  let groups = 0;
  const add = (code: ErrorCode, field: string | null, extra: Partial<PossibleError> = {}) =>
    errors.push({ code, status: code.status, field, ...withoutUndefined(extra) });

  const readsBody = route.parameters.some((parameter) => parameter.kind === 'body');
  errors.push(...requestLevelErrors(context, { readsBody, hasPathParameters: route.hasPathParameters }));

  for (const parameter of route.parameters) {
    const pipes = [...context.globalPipes, ...route.pipes, ...parameter.pipes];
    const validation = pipes.map(validationAnswers).find((answers) => answers !== undefined);
    const metatype = parameter.metatype;
    const validatesDto = typeof metatype === 'function' && !NOT_VALIDATED.has(metatype);
    if (validation) {
      // The pipe's scan of every value it is given, before any rule (validation.pipe.ts): a
      // lone surrogate is answered on the field that holds it (the DTO's fields below).
      if (!validatesDto) add(LONE_SURROGATE, parameter.data ?? null);
      if (parameter.kind !== 'param') {
        add(ARRAY_TOO_LONG, parameter.data ?? null, { details: { max_items: validation.maxArrayLength } });
        add(TOO_MANY_PROPERTIES, parameter.data ?? null, {
          details: { max_properties: validation.maxProperties },
        });
      }
    }
    if (validation && typeof metatype === 'function' && !NOT_VALIDATED.has(metatype)) {
      const wholeBody = parameter.kind === 'body' && parameter.data === undefined;
      if (wholeBody) {
        add(BODY_NOT_OBJECT, null);
        // class-transformer recurses once per level of whatever JSON the client sent.
        add(NESTING_TOO_DEEP, null);
      }
      // Every rule of the DTO is checked, and all its violations answered together.
      const group = ++groups;
      const found = dtoRules(metatype as DtoClass, validation.ruleCodes);
      for (const rule of found.rules) add(rule.code, rule.field, { details: rule.details, group });
      const stringFields = new Set(found.rules.filter((rule) => STRING_RULES.has(rule.code)).map((rule) => rule.field));
      for (const field of stringFields) add(INVALID_VALUE, field);
      for (const field of new Set(found.rules.map((rule) => rule.field))) add(LONE_SURROGATE, field);
      if (validation.forbidNonWhitelisted) {
        for (const path of found.objectPaths) add(UNKNOWN_PROPERTY, `${path}${PROPERTY}`, { group });
      }
      if (validation.forbidNonWhitelisted || found.hasNestedArray || found.rules.length > validation.maxErrors) {
        add(TOO_MANY_ERRORS, null, { details: { omitted: 1, max_errors: validation.maxErrors }, group });
      }
    }
    const schemaPipe = parameter.schema === undefined ? undefined : standardSchemaPipe(pipes);
    if (schemaPipe) {
      // `@Body({ schema })` and the like: the codes of the schema's JSON Schema, answered together
      if (parameter.kind === 'body' && parameter.data === undefined) add(BODY_NOT_OBJECT, null);
      add(NESTING_TOO_DEEP, null);
      const group = ++groups;
      const json = inputJsonSchema(parameter.schema);
      for (const rule of json ? schemaRules(json, parameter.data ?? '') : []) {
        add(rule.code, rule.field || null, { details: rule.details, group });
      }
      add(TOO_MANY_ERRORS, null, { details: { omitted: 1, max_errors: schemaPipe.maxErrors }, group });
    }
    for (const pipe of pipes) {
      const owner = typeof pipe === 'function' ? pipe : (pipe as object | null)?.constructor;
      if (typeof owner !== 'function') continue;
      for (const declared of resolveEntries(
        declaredErrorResponses(owner),
        context,
        describePipe(owner),
        () => ++groups,
      )) {
        // A path parameter is part of the route that matched: it is never missing.
        if (parameter.kind === 'param' && declared.code === IS_DEFINED) continue;
        const field = declared.field === undefined ? (parameter.data ?? null) : declared.field;
        add(declared.code, field, { status: declared.status, group: declared.group });
      }
    }
  }

  const declaredHere = [...declaredErrorResponses(route.controller), ...declaredErrorResponses(route.handler)];
  const where = `${route.controller.name}.${route.handlerName}`;
  for (const declared of resolveEntries(declaredHere, context, where, () => ++groups, route.methods)) {
    add(declared.code, declared.field ?? null, {
      status: declared.status,
      group: declared.group,
      details: declared.details,
    });
  }
  return [...errors, ...mixedStatuses(errors)];
}

/**
 * What a route answers before any of its code runs: the body parsers' codes (on every
 * route), the body guard's (where the handler reads a body), and the router's for a
 * path it cannot take (where the path has parameters).
 */
export function requestLevelErrors(
  context: Pick<RouteErrorContext, 'bodyMediaTypes'>,
  route: { readsBody: boolean; hasPathParameters: boolean },
): PossibleError[] {
  const codes = [
    ...PARSER_CODES,
    ...(route.readsBody ? BODY_GUARD_CODES : []),
    ...(route.hasPathParameters ? PATH_CODES : []),
  ];
  return codes.map((code) => ({
    code,
    status: code.status,
    field: null,
    ...withoutUndefined({ details: requestDetails(code, context) }),
  }));
}

/**
 * Errors answered together share one status (see responseStatus): a 409 code reported
 * with a 400 one comes with status 400. For each error of a group, the statuses it can
 * come with besides its own.
 */
function mixedStatuses(errors: readonly PossibleError[]): PossibleError[] {
  const statusesByGroup = new Map<number, Set<number>>();
  for (const error of errors) {
    if (error.group === undefined) continue;
    const statuses = statusesByGroup.get(error.group) ?? new Set<number>();
    statuses.add(error.status);
    statusesByGroup.set(error.group, statuses);
  }
  const mixed: PossibleError[] = [];
  for (const error of errors) {
    if (error.group === undefined) continue;
    const combined = new Set(
      [...statusesByGroup.get(error.group)!]
        .filter((status) => status !== error.status)
        .map((status) => responseStatus([error.status, status])),
    );
    for (const status of combined) if (status !== error.status) mixed.push({ ...error, status });
  }
  return mixed;
}

/**
 * The most errors one response of the route can hold: the validation pipe's cap on it,
 * the library's own on HttpException messages, and the app's cap on DomainErrors (the
 * `domainErrors.maxErrors` option, set when ErrorsModule started).
 */
export function maxErrorsOf(route: DiscoveredRoute, context: RouteErrorContext): number {
  let max = Math.max(DEFAULT_MAX_ERRORS, DomainErrors.maxErrors);
  for (const parameter of route.parameters) {
    for (const pipe of [...context.globalPipes, ...route.pipes, ...parameter.pipes]) {
      const answers = validationAnswers(pipe);
      if (answers) max = Math.max(max, answers.maxErrors);
    }
  }
  return max;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

function validationAnswers(pipe: unknown): ValidationPipeAnswers | undefined {
  if (pipe instanceof ContractValidationPipe) return validationPipeAnswers(pipe);
  // A pipe given as a class is built by Nest with no options.
  if (pipe === ContractValidationPipe) return validationPipeAnswers(new ContractValidationPipe());
  return undefined;
}

function requestDetails(
  code: ErrorCode,
  context: Pick<RouteErrorContext, 'bodyMediaTypes'>,
): Record<string, unknown> | undefined {
  if (code === UNSUPPORTED_MEDIA_TYPE) return { supported: [...context.bodyMediaTypes] };
  if (code === UNSUPPORTED_CHARSET) return { charset: 'latin1' };
  return undefined;
}

function describePipe(pipe: object): string {
  return `the pipe ${(pipe as { name?: string }).name ?? 'anonymous'}`;
}

/** A declared code, with what the declaration adds: its collection, the details of its constraint. */
type ResolvedEntry = DeclaredError & { group?: number; details?: Record<string, unknown> };

/** Turns decorator entries into codes, resolving constraint references against the registry. */
export function resolveEntries(
  entries: readonly ErrorResponseEntry[],
  context: RouteErrorContext,
  where: string,
  newGroup: () => number,
  methods: readonly string[] = [],
): ResolvedEntry[] {
  return entries.flatMap((entry): ResolvedEntry[] => {
    if (isEntityReference(entry)) return entityErrors(entry, methods, context.schema, context.constraints, where);
    if (isCollected(entry)) {
      const group = newGroup();
      return entry.collected.map((member) => ({ ...asDeclared(member), group }));
    }
    if (isConstraintReference(entry)) return [resolveConstraint(entry, context, where)];
    return [asDeclared(entry)];
  });
}

function asDeclared(entry: ErrorCode | DeclaredError): DeclaredError {
  return 'create' in entry ? { code: entry } : entry;
}

function isCollected(entry: ErrorResponseEntry): entry is CollectedErrors {
  return Array.isArray((entry as CollectedErrors).collected);
}

function resolveConstraint(reference: ConstraintReference, context: RouteErrorContext, where: string): ResolvedEntry {
  const rule = Object.hasOwn(context.constraints, reference.constraint)
    ? context.constraints[reference.constraint]
    : undefined;
  if (!rule) {
    throw new Error(
      `${where} declares the constraint "${reference.constraint}", which the database options' constraint registry does not list. ` +
        'Register it in ErrorsModule.forRoot({ database: { constraints } }), or declare the code it answers with instead.',
    );
  }
  const code = rule.code ?? reference.code;
  if (!code) {
    throw new Error(
      `${where} declares the constraint "${reference.constraint}", whose registry rule has no code: ` +
        "give the rule a code, or name the library's code for it (`{ constraint, code: DatabaseCodes.UNIQUE_VIOLATION }`).",
    );
  }
  // The translator's details for a constraint: the columns (named as fields), and the rule's own.
  const details = typeof rule.field === 'string' ? { columns: [rule.field], ...rule.details } : rule.details;
  return {
    code,
    field: rule.field ?? null,
    ...(rule.status !== undefined ? { status: rule.status } : {}),
    ...(details !== undefined ? { details } : {}),
  };
}

function isEntityReference(entry: ErrorResponseEntry): entry is EntityReference {
  return typeof (entry as EntityReference).entity === 'function';
}

function isConstraintReference(entry: ErrorResponseEntry): entry is ConstraintReference {
  return typeof (entry as ConstraintReference).constraint === 'string';
}
