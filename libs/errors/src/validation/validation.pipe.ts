import { ArgumentMetadata, Injectable, Optional, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { ErrorCode } from '../codes/error-code.js';
import {
  ARRAY_TOO_LONG,
  BODY_NOT_OBJECT,
  LONE_SURROGATE,
  NESTING_TOO_DEEP,
  TOO_MANY_PROPERTIES,
} from '../codes/validation.codes.js';
import { DEFAULT_MAX_ERRORS, flattenValidationErrors } from './flatten.js';
import { InputProblem, scanInput } from './input-scan.js';
import { fieldWithLoneSurrogate } from './lone-surrogate.js';
import { RuleCode } from './rule-codes.js';
import { ValidationFailedException } from './validation-failed.exception.js';

export interface ContractValidationPipeOptions extends Omit<
  ValidationPipeOptions,
  'exceptionFactory' | 'errorFormat' | 'maxErrorMessagesLength' | 'disableErrorMessages'
> {
  /** At most this many error objects per response; the last one then counts the rest. Default 100. */
  maxErrors?: number;
  /**
   * Arrays in a body or query longer than this are answered with ARRAY_TOO_LONG before
   * any rule runs, so that `@ValidateNested({ each: true })` cannot be made to validate
   * tens of thousands of items (`@ArrayMaxSize` only reports the length, after the items
   * were validated). Default 1000.
   */
  maxArrayLength?: number;
  /**
   * Objects in a body or query with more keys than this are answered with
   * TOO_MANY_PROPERTIES before any rule runs (class-transformer's copy of an object
   * costs more than linear time in its keys). Default 1000.
   */
  maxProperties?: number;
  /**
   * Codes for custom rules, by constraint name (the `name` of `registerDecorator` /
   * `@ValidatorConstraint`). A decorator's `context.errorCode` still wins. Give a
   * `RuleCode` to also turn the rule's arguments into `details`.
   */
  codes?: Readonly<Record<string, ErrorCode | RuleCode>>;
}

/** The options of a ContractValidationPipe that decide which codes it can answer with. */
export interface ValidationPipeAnswers {
  readonly whitelist: boolean;
  /** Unknown keys are refused (UNKNOWN_PROPERTY) rather than stripped. */
  readonly forbidNonWhitelisted: boolean;
  /** Past this many errors the response ends with TOO_MANY_ERRORS. */
  readonly maxErrors: number;
  /** Longer arrays are answered with ARRAY_TOO_LONG. */
  readonly maxArrayLength: number;
  /** Objects with more keys are answered with TOO_MANY_PROPERTIES. */
  readonly maxProperties: number;
  /** Codes of custom rules (the `codes` option). */
  readonly ruleCodes: ReadonlyMap<string, RuleCode> | undefined;
}

// Set by the class's static block: the one reader of its private answers.
let readAnswers: (pipe: ContractValidationPipe) => ValidationPipeAnswers;

/**
 * Nest's ValidationPipe, answering in the error contract: one object per violated rule
 * of each field (see flattenValidationErrors). The valid path is Nest's own, untouched;
 * only the exception factory and a cheap body-shape check are added.
 */
@Injectable()
export class ContractValidationPipe extends ValidationPipe {
  private readonly errorShape: ValidatorOptions['validationError'];
  // What decides the codes it answers with besides the DTO's rules, read by the OpenAPI
  // documenter through validationPipeAnswers(): plumbing, not API.
  readonly #answers: ValidationPipeAnswers;

  static {
    readAnswers = (pipe) => pipe.#answers;
  }

  constructor(@Optional() options: ContractValidationPipeOptions = {}) {
    const { maxErrors, maxArrayLength, maxProperties, codes, validationError, ...nestOptions } = options;
    const flattenOptions = { maxErrors, ruleCodes: toRuleCodes(codes) };
    super({
      ...nestOptions,
      exceptionFactory: (errors: ValidationError[]) =>
        new ValidationFailedException(flattenValidationErrors(errors, flattenOptions)),
    });
    // The target lets the flattener find each rule's arguments (for `details`); it is
    // never sent. The value is never sent either, so class-validator need not copy it.
    this.errorShape = { value: false, ...validationError, target: true };
    this.#answers = {
      whitelist: nestOptions.whitelist === true,
      forbidNonWhitelisted: nestOptions.whitelist === true && nestOptions.forbidNonWhitelisted === true,
      maxErrors: flattenOptions.maxErrors ?? DEFAULT_MAX_ERRORS,
      maxArrayLength: maxArrayLength ?? DEFAULT_MAX_ARRAY_LENGTH,
      maxProperties: maxProperties ?? DEFAULT_MAX_PROPERTIES,
      ruleCodes: flattenOptions.ruleCodes,
    };
  }

  // Given per call rather than through the constructor's options: Nest turns every valid
  // body back into a plain object (classToPlain) as soon as any validator option is set,
  // which would make the valid path cost more than stock's for nothing.
  // Nest builds the options it passes here anew for every call, so the shape is set on
  // them rather than copied with them into one more object (a spread per request).
  protected override validate(object: object, validatorOptions: ValidatorOptions = {}) {
    validatorOptions.validationError = this.errorShape;
    return super.validate(object, validatorOptions);
  }

  // Not async: the valid path returns Nest's own promise without an extra await.
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      metadata.data === undefined &&
      !isJsonObject(value) &&
      this.expectsObject(metadata)
    ) {
      // Nest would validate a stand-in object and report the missing fields one by one
      // (or name the field "body"); the client needs one answer about the whole body.
      return Promise.reject(new ValidationFailedException([BODY_NOT_OBJECT.create()]));
    }
    if (metadata.type !== 'custom' && value !== undefined) {
      // Bounds and text first, in one pass over the client's value: nothing below runs
      // on an over-long array or a string that is not Unicode.
      const problem = scanInput(value, this.#answers);
      if (problem) return Promise.reject(new ValidationFailedException([this.inputError(problem, metadata)]));
    }
    return (super.transform(value, metadata) as Promise<unknown>).catch((error: unknown) =>
      rethrowClientCaused(error, value),
    );
  }

  /**
   * With `transform`, Nest turns a `number` path or query parameter into `+value`, so
   * `0x1`, `1e0`, `0b1`, ` 1` and `1.0` all became 1 before the parameter's own pipe
   * (ParseIntPipe, an id pipe) could refuse them. Only a number in its canonical
   * spelling is converted here; any other text is passed on as it came, for that pipe to answer.
   */
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    const numberParameter =
      metadata.data !== undefined &&
      metadata.metatype === Number &&
      (metadata.type === 'param' || metadata.type === 'query');
    if (numberParameter && typeof value === 'string' && !isCanonicalNumber(value)) return value;
    return super.transformPrimitive(value, metadata);
  }

  private inputError(problem: InputProblem, metadata: ArgumentMetadata) {
    const parameter = metadata.data === undefined ? null : String(metadata.data);
    const field =
      parameter === null ? problem.field : problem.field === null ? parameter : `${parameter}.${problem.field}`;
    // A template's {field} reads "Null" without a field (a body that is itself the array).
    const params = field === null ? { field: 'The value' } : undefined;
    if (problem.kind === 'lone-surrogate') return LONE_SURROGATE.create({ field, params });
    if (problem.kind === 'array-too-long') {
      return ARRAY_TOO_LONG.create({ field, params, details: { max_items: this.#answers.maxArrayLength } });
    }
    return TOO_MANY_PROPERTIES.create({ field, params, details: { max_properties: this.#answers.maxProperties } });
  }

  private expectsObject(metadata: ArgumentMetadata): boolean {
    const metatype = this.expectedType ?? metadata.metatype;
    return this.toValidate({ ...metadata, metatype });
  }
}

/** The options of a pipe that decide which codes it can answer with (for the OpenAPI documenter). */
export function validationPipeAnswers(pipe: ContractValidationPipe): ValidationPipeAnswers {
  return readAnswers(pipe);
}

/** The default of `maxArrayLength`. */
export const DEFAULT_MAX_ARRAY_LENGTH = 1000;
/** The default of `maxProperties`. */
export const DEFAULT_MAX_PROPERTIES = 1000;

/** `-12`, `0`, `3.25`: the text JavaScript itself writes for a finite number (not `1.0`, `01`, `-0`). */
function isCanonicalNumber(text: string): boolean {
  const number = Number(text);
  return Number.isFinite(number) && String(number) === text;
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toRuleCodes(codes: ContractValidationPipeOptions['codes']): ReadonlyMap<string, RuleCode> | undefined {
  if (!codes) return undefined;
  const entries = Object.entries(codes).map(([name, entry]): [string, RuleCode] => [
    name,
    'create' in entry ? { code: entry } : entry,
  ]);
  return new Map(entries);
}

// Failures of the validators themselves that the client's JSON causes, answered as a
// 400 with a code, not a 500:
// - class-transformer and class-validator recurse once per level of the client's JSON:
//   a deep enough body overflows the stack inside them;
// - validator.js's isEmail (through isByteLength) calls encodeURI, which throws a
//   URIError for a string holding a lone UTF-16 surrogate (`"\ud800"` is valid JSON).
function rethrowClientCaused(error: unknown, value: unknown): never {
  if (error instanceof RangeError && error.message.includes('call stack')) {
    throw new ValidationFailedException([NESTING_TOO_DEEP.create()]);
  }
  if (error instanceof URIError) {
    // Only reachable for a value the scan in `transform` did not see (a custom parameter).
    const field = fieldWithLoneSurrogate(value) ?? null;
    const params = field === null ? { field: 'The value' } : undefined;
    throw new ValidationFailedException([LONE_SURROGATE.create({ field, params })]);
  }
  throw error;
}
