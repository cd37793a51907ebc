import { ApiError, ErrorWithStatus } from './api-error.js';

/**
 * What a message template was filled from beyond the error's own `details` and `field`,
 * so the message can be rendered again from another locale's template.
 */
export interface MessageArguments {
  /** The occurrence's `params` (looked up before `details`, as when it was first rendered). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** The validation rule (class-validator constraint name) whose default message this is. */
  readonly rule?: string;
}

const NO_ARGUMENTS: MessageArguments = Object.freeze({});

/**
 * An error whose message came from a template (its code's, or a validation rule's
 * default) rather than being written for this occurrence. It remembers what filled the
 * template, so a request in another language gets the same message from that
 * language's template, lazily, only when it asks for one.
 *
 * The arguments sit in a private field: they are never serialized, never logged, and
 * invisible to deep equality, so an error rendered in the default locale looks exactly
 * like the plain `{ status, error }` it always was.
 */
export class LocalizableError implements ErrorWithStatus {
  readonly #arguments: MessageArguments | undefined;

  constructor(
    public status: number,
    public error: ApiError,
    messageArguments: MessageArguments | undefined,
  ) {
    this.#arguments = messageArguments;
  }

  /** For an error rendered from a template with nothing but `details` and `field`. */
  static readonly NO_ARGUMENTS = NO_ARGUMENTS;

  /** The template's arguments, or undefined when the message was written for the occurrence. */
  static argumentsOf(item: ErrorWithStatus): MessageArguments | undefined {
    return #arguments in item ? (item as LocalizableError).#arguments : undefined;
  }
}

/**
 * A contract object whose message is filled when it is first read, not when the error is
 * built: an answer in another locale renders that locale's template instead and never
 * fills this one, and an answer in the default locale fills it once. Reads after the
 * first return the same text; assigning a message replaces it. The object has the same
 * four enumerable keys, in the same order, as one built with the text.
 */
export function withDeferredMessage(
  message: string | (() => string),
  errorCode: string,
  field: string | null,
  details: Record<string, unknown> | null,
): ApiError {
  if (typeof message === 'string') return { message, error_code: errorCode, field, details };
  return new DeferredMessage(message, errorCode, field, details);
}

/**
 * Every deferred object shares one getter and one setter, the text kept in private
 * fields: an object literal with its own `get message()` made a new pair of closures and
 * a new hidden class per error (about 1 us each, and slow reads of it after), where this
 * costs a tenth of that.
 */
class DeferredMessage implements ApiError {
  static readonly #message: PropertyDescriptor = {
    get(this: DeferredMessage): string {
      if (this.#render !== undefined) {
        this.#text = this.#render();
        this.#render = undefined;
      }
      return this.#text!;
    },
    set(this: DeferredMessage, value: string) {
      this.#text = value;
      this.#render = undefined;
    },
    enumerable: true,
    configurable: true,
  };

  #render: (() => string) | undefined;
  #text: string | undefined;
  // Declared only: set in the constructor, after `message`, in the contract's key order.
  declare message: string;
  declare error_code: string;
  declare field: string | null;
  declare details: Record<string, unknown> | null;

  constructor(render: () => string, errorCode: string, field: string | null, details: Record<string, unknown> | null) {
    this.#render = render;
    Object.defineProperty(this, 'message', DeferredMessage.#message);
    this.error_code = errorCode;
    this.field = field;
    this.details = details;
  }
}
