import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import { ErrorCode, isErrorCode } from '../codes/error-code.js';
import { INVALID_VALUE, NESTED_OBJECT } from '../codes/validation.codes.js';
import { constraintNameOf } from '../validation/rule-arguments.js';
import { RULE_CODES, RuleCode } from '../validation/rule-codes.js';

/** One code a DTO can produce, where: a field path as the client writes it, with placeholders. */
export interface FieldRule {
  /** `email`, `profile.links.{index}.url`. */
  field: string;
  code: ErrorCode;
  /** The details this rule answers with (its arguments), or null. */
  details: Record<string, unknown> | null;
}

/** What the walk found in a DTO and the classes nested in it. */
export interface DtoRules {
  rules: FieldRule[];
  /** The object paths a key unknown to the DTO can sit at: `''` for the top, `profile.`... */
  objectPaths: string[];
  /** Whether an array of nested DTOs makes the number of errors unbounded. */
  hasNestedArray: boolean;
}

/** A DTO class. */
export type DtoClass = abstract new (...args: never[]) => unknown;

/** Placeholder of an array position in a field path. */
export const INDEX = '{index}';

// Rule kinds that produce no error of their own: @IsOptional/@ValidateIf, @Allow, @ValidatePromise.
const SILENT_TYPES: ReadonlySet<string> = new Set([
  'conditionalValidation',
  'whitelistValidation',
  'promiseValidation',
]);

// A DTO that contains itself (a tree) would be walked forever; real payloads this deep
// are documented by the levels above.
const MAX_DEPTH = 8;

/**
 * The codes class-validator can report for a DTO, read from its decorators (the same
 * metadata the validation pipe runs), nested DTOs and arrays of them included. The
 * code of a rule is chosen as the validation pipe chooses it: the decorator's
 * `context.errorCode`, then the pipe's `codes`, then the built-in table.
 */
export function dtoRules(dto: DtoClass, ruleCodes?: ReadonlyMap<string, RuleCode>): DtoRules {
  const result: DtoRules = { rules: [], objectPaths: [], hasNestedArray: false };
  walk(dto, '', [], result, ruleCodes);
  return result;
}

function walk(
  dto: DtoClass,
  prefix: string,
  ancestors: DtoClass[],
  result: DtoRules,
  ruleCodes: ReadonlyMap<string, RuleCode> | undefined,
): void {
  result.objectPaths.push(prefix);
  // A DTO met again inside itself is walked once more, so its own fields show how it nests.
  if (ancestors.filter((ancestor) => ancestor === dto).length > 1 || ancestors.length >= MAX_DEPTH) return;
  const storage = getMetadataStorage();
  const seen = new Set<string>();
  for (const metadata of storage.getTargetValidationMetadatas(dto, '', true, false)) {
    if (SILENT_TYPES.has(metadata.type)) continue;
    const field = `${prefix}${metadata.propertyName}`;
    const name = constraintNameOf(metadata, storage);
    // A rule declared twice (or inherited and redeclared) is reported once per field.
    if (seen.has(`${field}\u0000${name}`)) continue;
    seen.add(`${field}\u0000${name}`);
    const context = metadata.context as { errorCode?: unknown } | undefined;
    const rule = ruleCodes?.get(name) ?? RULE_CODES.get(name);
    const code = isErrorCode(context?.errorCode) ? context.errorCode : (rule?.code ?? INVALID_VALUE);
    const constraints = Array.isArray(metadata.constraints) ? metadata.constraints : [];
    const details =
      (context as { details?: Record<string, unknown> } | undefined)?.details ?? detailsOf(rule, constraints);
    result.rules.push({ field, code, details });
    if (code === NESTED_OBJECT) {
      const nested = nestedClass(dto, metadata.propertyName);
      if (!nested) continue;
      const isArray = Reflect.getMetadata('design:type', dto.prototype, metadata.propertyName) === Array;
      if (isArray) {
        result.hasNestedArray = true;
        // An item that is no object is reported on its own index (`links.1`).
        result.rules.push({ field: `${field}.${INDEX}`, code, details });
      }
      walk(nested, isArray ? `${field}.${INDEX}.` : `${field}.`, [...ancestors, dto], result, ruleCodes);
    }
  }
}

function detailsOf(rule: RuleCode | undefined, constraints: readonly unknown[]): Record<string, unknown> | null {
  if (!rule?.details) return null;
  try {
    return rule.details(constraints);
  } catch {
    return null;
  }
}

/**
 * The class a nested property is turned into, learnt through class-transformer's public
 * API (as the validation pipe's `transform` would do it) rather than its private
 * metadata storage: an empty object is converted and the result's class is read.
 */
function nestedClass(dto: DtoClass, property: string): DtoClass | undefined {
  try {
    const converted = plainToInstance(dto as new () => object, { [property]: {} }) as Record<string, unknown>;
    const value = converted[property];
    const found = Array.isArray(value) ? (value[0] as object | undefined) : value;
    const cls = typeof found === 'object' && found !== null ? found.constructor : undefined;
    return cls && cls !== Object ? (cls as DtoClass) : undefined;
  } catch {
    return undefined;
  }
}
