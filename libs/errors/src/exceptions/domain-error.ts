import { ErrorWithStatus } from '../contract/api-error.js';
import { brand } from '../contract/brand.js';
import { restoreStackTraces, withoutStackTrace } from '../contract/stack-traces.js';
import { CONFLICT, INVALID_INPUT, NOT_FOUND } from '../codes/domain.codes.js';
import { ErrorCode, ErrorOccurrence } from '../codes/error-code.js';

// A global symbol: a DomainError made by another copy of the package answers too.
const CONTRACT_ERROR = Symbol.for('nest-error-contract.contract-error');

let captureStackTraces = readStackTraceSwitch();

export interface DomainErrorOptions extends ErrorOccurrence {
  /** The lower-level error behind this one; logged, never sent to the client. */
  cause?: unknown;
}

/**
 * What services throw. Framework-free on purpose: it imports nothing from Nest, so a
 * service or repository can throw it without knowing it runs behind HTTP: data access stays
 * framework-independent (find-one-or-throw, update-one-or-throw). The catch-all filter turns it into one contract object.
 *
 * An expected 4xx needs no stack trace, and capturing one is the most expensive part
 * of constructing an Error, so domain errors with a 4xx status skip it unless the
 * environment variable `NEST_ERROR_CONTRACT_STACK_TRACES=1` is set (handy while debugging).
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  // What code.create() built, kept whole: a message rendered from the code's template
  // remembers how, so it is rendered once, in the client's language. Read by the domain
  // translator through contractErrorOf(), whichever copy of the package built it.
  readonly #built: ErrorWithStatus;

  static {
    Object.defineProperty(this.prototype, CONTRACT_ERROR, {
      value(this: DomainError): ErrorWithStatus {
        return this.#built;
      },
    });
  }

  constructor(code: ErrorCode, options: DomainErrorOptions = {}) {
    const built = code.create(options);
    // A 5xx is unexpected and logged with its stack, so it always gets one.
    const limit = withoutStackTrace(!captureStackTraces && built.status < 500);
    // No message is passed: `message` is read from the contract object, so it is rendered
    // only when something (the answer, a log, the stack's first line) reads it.
    super(undefined, options.cause === undefined ? undefined : { cause: options.cause });
    restoreStackTraces(limit);
    this.code = code;
    this.status = built.status;
    this.#built = built;
  }

  /**
   * The class name (`NotFoundError`, or a subclass's own), read from the class rather
   * than stored on every instance: defining an own property on each new error costs more
   * than the rest of its construction. A subclass may still assign its own name.
   */
  override get name(): string {
    return this.constructor.name;
  }

  override set name(value: string) {
    Object.defineProperty(this, 'name', { value, writable: true, enumerable: false, configurable: true });
  }

  /** The contract message, in the default locale, filled the first time it is read. */
  override get message(): string {
    return this.#built.error.message;
  }

  override set message(value: string) {
    Object.defineProperty(this, 'message', { value, writable: true, enumerable: false, configurable: true });
  }

  get field(): string | null {
    return this.#built.error.field;
  }

  get details(): Record<string, unknown> | null {
    return this.#built.error.details;
  }
}

function readStackTraceSwitch(): boolean {
  return typeof process === 'object' && process.env?.NEST_ERROR_CONTRACT_STACK_TRACES === '1';
}

/** The contract object (with its status) a domain error answers with. */
export function contractErrorOf(error: DomainError): ErrorWithStatus {
  return (error as unknown as Record<symbol, () => ErrorWithStatus>)[CONTRACT_ERROR]();
}

/** Switches stack traces of 4xx domain errors on or off (tests; the environment variable otherwise). */
export function setDomainStackTraces(on: boolean): void {
  captureStackTraces = on;
}

/** Options of the resource-named errors: a more specific code (the app's) may replace the default. */
export type ResourceErrorOptions = DomainErrorOptions & { code?: ErrorCode };

/** A record the request names does not exist (404 by default). */
export class NotFoundError extends DomainError {
  constructor(resource: string, options: ResourceErrorOptions = {}) {
    super(...aboutResource(resource, NOT_FOUND, options));
  }
}

/** The request is valid but clashes with the current state (409 by default). */
export class ConflictError extends DomainError {
  constructor(resource: string, options: ResourceErrorOptions = {}) {
    super(...aboutResource(resource, CONFLICT, options));
  }
}

/**
 * The code and occurrence of an error about a resource: `{resource}` is always there for
 * the message template, and the library's generic code also names it in `details`
 * (an app's own code documents its own details).
 */
function aboutResource(
  resource: string,
  genericCode: ErrorCode,
  options: ResourceErrorOptions,
): [ErrorCode, DomainErrorOptions] {
  // Written out rather than spread: copying an options object with `...` takes V8's
  // slow path, which made a domain error with a field cost four times one without.
  const code = options.code ?? genericCode;
  return [
    code,
    {
      field: options.field,
      details: options.details ?? (code === genericCode ? { resource } : null),
      message: options.message,
      template: options.template,
      params: options.params === undefined ? { resource } : { resource, ...options.params },
      status: options.status,
      cause: options.cause,
    },
  ];
}

/** The input breaks a business rule that no DTO decorator can express (400 by default). */
export class InvalidInputError extends DomainError {
  constructor(message: string, options: ResourceErrorOptions = {}) {
    super(options.code ?? INVALID_INPUT, {
      field: options.field,
      details: options.details,
      // An options `message`, even undefined (the code's template then), wins over the argument.
      message: 'message' in options ? options.message : message,
      template: options.template,
      params: options.params,
      status: options.status,
      cause: options.cause,
    });
  }
}

/** The default of `DomainErrors.maxErrors`, as the validation pipe's `maxErrors`. */
export const DEFAULT_MAX_DOMAIN_ERRORS = 100;

let maxDomainErrors = DEFAULT_MAX_DOMAIN_ERRORS;

/**
 * Sets `DomainErrors.maxErrors`. ErrorsModule does, once when it starts, from its
 * `domainErrors.maxErrors` option (checked there); not exported from the package, so the
 * cap has one owner rather than any module assigning it at any time.
 */
export function setMaxDomainErrors(max: number): void {
  maxDomainErrors = max;
}

/**
 * Several problems found at once, answered in one response (a PATCH whose `name` is taken
 * and whose `type` is invalid). The response status follows the
 * status rule over all of them. Use `DomainErrors.collect()` to gather them as you check.
 */
export class DomainErrors extends Error {
  /** The errors kept: at most `maxErrors` - 1 when some were left out. */
  readonly errors: readonly DomainError[];
  /** How many more were found and left out (answered as one TOO_MANY_ERRORS object). */
  readonly omitted: number;
  /** The cap this collection was cut at (`DomainErrors.maxErrors` when it was built): what TOO_MANY_ERRORS reports. */
  readonly maxErrors: number;

  /**
   * At most this many objects in one answer, as the validation pipe's `maxErrors`:
   * past it the last one counts the rest (TOO_MANY_ERRORS). A check that finds a
   * problem per key of a client's object must not answer a 2 MB list. Default 100.
   *
   * Read-only: set it with `ErrorsModule.forRoot({ domainErrors: { maxErrors } })`.
   * Services build DomainErrors without knowing any module (this class imports nothing
   * from Nest), so the cap cannot come from the request: it is one value for the
   * process, which ErrorsModule sets when it starts (the default when the option is
   * left out). The cap applies when errors are collected, so past it no error is built.
   */
  static get maxErrors(): number {
    return maxDomainErrors;
  }

  constructor(errors: readonly DomainError[], omitted = 0) {
    const cap = Math.max(1, maxDomainErrors);
    const overflow = errors.length + omitted > cap;
    const kept = overflow ? errors.slice(0, cap - 1) : errors;
    const limit = withoutStackTrace(!captureStackTraces);
    super();
    restoreStackTraces(limit);
    this.errors = kept;
    this.omitted = overflow ? errors.length + omitted - kept.length : 0;
    this.maxErrors = cap;
  }

  /** The messages of all errors, joined; rendered only when read. */
  override get message(): string {
    return this.errors.map((error) => error.message).join(' ');
  }

  override set message(value: string) {
    Object.defineProperty(this, 'message', { value, writable: true, enumerable: false, configurable: true });
  }

  override get name(): string {
    return this.constructor.name;
  }

  override set name(value: string) {
    Object.defineProperty(this, 'name', { value, writable: true, enumerable: false, configurable: true });
  }

  /**
   * A collector for checks that should all run before failing:
   *
   *     const problems = DomainErrors.collect();
   *     if (nameTaken) problems.add(new ConflictError('column', { field: 'name' }));
   *     if (!knownType) problems.add(new InvalidInputError('FOOD is not a valid type.', { field: 'type' }));
   *     problems.throwIfAny();
   */
  static collect(): ErrorCollector {
    return new ErrorCollector();
  }
}

export class ErrorCollector {
  private readonly errors: DomainError[] = [];
  /** Errors added past `DomainErrors.maxErrors`: only counted, never kept. */
  private omitted = 0;

  add(error: DomainError | DomainErrors): this {
    const added = error instanceof DomainErrors ? error.errors : [error];
    for (const one of added) {
      if (this.errors.length < maxDomainErrors) this.errors.push(one);
      else this.omitted++;
    }
    if (error instanceof DomainErrors) this.omitted += error.omitted;
    return this;
  }

  /** How many errors were added, the ones left out included. */
  get size(): number {
    return this.errors.length + this.omitted;
  }

  /**
   * Whether the answer is already cut (more errors added than it can hold): a check
   * looping over a client's keys can stop here (`if (problems.full) break;`) rather than
   * build errors that would only be counted. `omitted` then counts what was added only.
   */
  get full(): boolean {
    return this.size > maxDomainErrors;
  }

  /** Throws the single error as it is, several as one DomainErrors, nothing when empty. */
  throwIfAny(): void {
    if (this.size === 1) throw this.errors[0];
    if (this.size > 1) throw new DomainErrors([...this.errors], this.omitted);
  }
}

brand(DomainError, 'DomainError');
brand(NotFoundError, 'NotFoundError');
brand(ConflictError, 'ConflictError');
brand(InvalidInputError, 'InvalidInputError');
brand(DomainErrors, 'DomainErrors');
