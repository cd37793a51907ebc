import { ArgumentMetadata, Injectable, Optional, Type, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
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
import { checkInput, InputData, InputProblem } from './input-scan.js';
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
 * of each field (see flattenValidationErrors). Before any rule runs, one walk over the
 * value checks its bounds and text; a plain-data object (what a JSON body nearly always
 * is) is then validated by the pipe itself as Nest's transform would (see
 * `#validatePlainObject`), without the waits and walks that cannot apply to it, and any
 * other value by Nest's own transform.
 */
@Injectable()
export class ContractValidationPipe extends ValidationPipe {
  private readonly errorShape: ValidatorOptions['validationError'];
  // What decides the codes it answers with besides the DTO's rules, read by the OpenAPI
  // documenter through validationPipeAnswers(): plumbing, not API.
  readonly #answers: ValidationPipeAnswers;
  /**
   * The values this pipe's own walk found to be plain data (see InputData), which Nest's
   * clean-up walks would leave as they are, when they go through Nest's transform (only
   * until it has loaded its packages: then `#validatePlainObject` takes them); weak, so a
   * value is kept no longer than its request.
   */
  readonly #plainData = new WeakSet<object>();
  /** The options of the plain-object path, with what they were made from (see `#plainPathOptions`). */
  #plainPath: PlainPathOptions | undefined;
  /** class-transformer (or the `transformerPackage`), once Nest's loader has it. */
  #transformer: PlainTransformer | undefined;
  /** Whether Nest's own transform has loaded the packages it reads (see `#validatePlainObject`). */
  #nestLoaded = false;

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
    // The same loader, and so the same package, as Nest's transform uses.
    void Promise.resolve(this.loadTransformer(nestOptions.transformerPackage)).then(
      (transformer) => (this.#transformer = transformer as PlainTransformer),
      () => undefined,
    );
  }

  // Given per call rather than through the constructor's options: Nest turns every valid
  // body back into a plain object (classToPlain) as soon as any validator option is set,
  // which would make the valid path cost more than stock's for nothing.
  // Nest builds the options it passes here anew for every call, so the shape is set on
  // them rather than copied with them into one more object (the plain-object path's
  // options already have it).
  protected override validate(object: object, validatorOptions: ValidatorOptions = {}) {
    validatorOptions.validationError = this.errorShape;
    return super.validate(object, validatorOptions);
  }

  // Not async: no extra await on the way to Nest's transform or the plain-object path.
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
    let found: InputData | undefined;
    if (metadata.type !== 'custom' && value !== undefined) {
      // Bounds and text first, in one pass over the client's value: nothing below runs
      // on an over-long array or a string that is not Unicode.
      const checked = checkInput(value, this.#answers);
      if (typeof checked !== 'string') {
        return Promise.reject(new ValidationFailedException([this.inputError(checked, metadata)]));
      }
      found = checked;
    }
    const metatype = this.#validatedClass(metadata);
    if (metatype === null) return this.#nestTransform(value, metadata, false);
    if (found === 'plain-data' && this.#nestLoaded && this.#transformer && isJsonObject(value)) {
      return this.#validatePlainObject(value as object, metatype);
    }
    // Nest's transform, with its clean-up walks (told whether the value is plain data).
    if (typeof value === 'object' && value !== null) {
      if (found === 'plain-data') this.#plainData.add(value);
      else this.#plainData.delete(value);
    }
    return this.#nestTransform(value, metadata, true);
  }

  /**
   * Nest's own transform. It loads class-validator and class-transformer (into variables
   * of its own, which its methods used by `#validatePlainObject` read) only for a value
   * it validates against a class.
   */
  #nestTransform(value: unknown, metadata: ArgumentMetadata, loadsPackages: boolean): Promise<unknown> {
    const transformed = super.transform(value, metadata) as Promise<unknown>;
    if (this.#nestLoaded || !loadsPackages)
      return transformed.catch((error: unknown) => rethrowClientCaused(error, value));
    return transformed.then(
      (result) => {
        this.#nestLoaded = true;
        return result;
      },
      (error: unknown) => {
        this.#nestLoaded = true;
        return rethrowClientCaused(error, value);
      },
    );
  }

  /**
   * Nest's transform for the value nearly every request brings: a plain-data object (see
   * InputData) for a class to validate. It does what Nest's does for such a value, in
   * the same order, and leaves out what cannot apply to it: waiting for the packages
   * (loaded: Nest's transform has run once), the clean-up walks (nothing to clean) and
   * the stand-in for a primitive, binary or array value (it is none). Everything else
   * goes through Nest's own transform. It uses class-transformer as loaded by this
   * pipe's own `transformerPackage` (Nest's transform uses the package of the pipe
   * created last: the same unless two pipes name different packages).
   */
  async #validatePlainObject(value: object, metatype: Type<unknown>): Promise<unknown> {
    const transformer = this.#transformer!;
    try {
      const entity = transformer.plainToInstance(metatype, value, this.transformOptions) as Record<string, unknown>;
      const isCtorNotEqual = entity.constructor !== metatype;
      if (isCtorNotEqual) entity.constructor = metatype;
      const options = this.#plainPathOptions();
      const binaryErrors = this.findNestedBinaryValues(entity, options.nestedRules as Map<unknown, never[]>);
      if (binaryErrors.length > 0) throw await this.exceptionFactory(binaryErrors);
      const errors = await this.validate(entity, options.validatorOptions);
      if (isCtorNotEqual) delete (entity as { constructor?: unknown }).constructor;
      if (errors.length > 0) {
        if (this.validatorOptions.validationError?.value === undefined) this.stripParentErrorValues(errors);
        throw await this.exceptionFactory(errors);
      }
      if (this.isTransformEnabled) return entity;
      // Nest's rule: any validator option besides its own default returns a plain copy of the entity.
      return Object.keys(this.validatorOptions).length > 1
        ? transformer.classToPlain(entity, this.transformOptions)
        : value;
    } catch (error) {
      return rethrowClientCaused(error, value);
    }
  }

  /**
   * The validator options of the plain-object path: one object, made again only when the
   * pipe's options change (a subclass may change them after construction; Nest reads
   * them on every call). Nest builds a new object per call; one shared object made a
   * valid POST 2-7% cheaper than a new one per call (A/B runs of bench:cost), measured
   * rather than explained (class-validator reads it for every rule). `validate`
   * overrides must not change the object they are given here (copy it instead). The
   * nested-validation rules Nest looks up per class are kept with it, as they depend on
   * the options.
   */
  #plainPathOptions(): PlainPathOptions {
    const own = this.validatorOptions as Record<string, unknown>;
    const current = this.#plainPath;
    if (current !== undefined && current.source === own && sameEntries(own, current.snapshot)) return current;
    this.#plainPath = {
      source: own,
      snapshot: { ...own },
      validatorOptions: { ...own, validationError: this.errorShape },
      nestedRules: new Map(),
    };
    return this.#plainPath;
  }

  /** The class Nest's transform would validate the value against, or null when it validates none. */
  #validatedClass(metadata: ArgumentMetadata): Type<unknown> | null {
    const withType = this.expectedType ? { ...metadata, metatype: this.expectedType } : metadata;
    return withType.metatype && this.toValidate(withType) ? withType.metatype : null;
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

  // Nest's ValidationPipe walks every value twice more before validating it: once to
  // close the gaps of sparse arrays, once to delete prototype keys. The walk above already
  // visited every value, so a value it found plain skips both (they would change
  // nothing), and a primitive skips them as Nest's walks skip it.
  protected override closeArrayGaps(value: unknown): void {
    if (this.#needsCleaning(value)) super.closeArrayGaps(value);
  }

  protected override stripProtoKeys(value: unknown): void {
    if (this.#needsCleaning(value)) super.stripProtoKeys(value);
  }

  #needsCleaning(value: unknown): boolean {
    return typeof value === 'object' && value !== null && !this.#plainData.has(value);
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

interface PlainPathOptions {
  /** `validatorOptions` when this was made, and a copy of its entries then. */
  readonly source: Record<string, unknown>;
  readonly snapshot: Record<string, unknown>;
  readonly validatorOptions: ValidatorOptions;
  readonly nestedRules: Map<unknown, unknown[]>;
}

/** Whether two objects hold the same own enumerable entries (values compared with ===). */
function sameEntries(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let count = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}

/** What the plain-object path uses of class-transformer (Nest's TransformerPackage, typed for it). */
interface PlainTransformer {
  plainToInstance(metatype: Type<unknown>, value: object, options?: unknown): unknown;
  classToPlain(entity: object, options?: unknown): unknown;
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
