import { ApiError, ErrorWithStatus } from '../contract/api-error.js';
import { LocalizableError } from '../contract/localizable-error.js';
import { asSentence, compileTemplate, messageLookup } from '../contract/message.js';
import { INVALID_VALUE } from '../codes/validation.codes.js';
import { LocalizedMessage, PLURAL_CATEGORIES } from './locale-messages.js';

/** A compiled message: fills its template (or picks its plural form) from a lookup. */
export type RenderMessage = (lookup: (key: string) => unknown) => string;

/**
 * One locale, compiled at start-up: for each code (and custom rule) whose message in
 * this locale differs from the code's own template, the compiled template. An error
 * whose message was rendered from a template is rendered again from this locale's;
 * anything else (a message written for the occurrence or in a DTO) is sent as it is.
 */
export class CompiledLocale {
  /** True when no message differs from the codes' own templates: errors are sent as built. */
  readonly unchanged: boolean;

  constructor(
    /** The BCP 47 tag sent in Content-Language. */
    readonly tag: string,
    private readonly codes: ReadonlyMap<string, RenderMessage>,
    private readonly rules: ReadonlyMap<string, RenderMessage>,
  ) {
    this.unchanged = codes.size === 0 && rules.size === 0;
  }

  /** The contract objects of a response, messages in this locale; exactly the four keys. */
  render(errors: readonly ErrorWithStatus[]): ApiError[] {
    const body = new Array<ApiError>(errors.length);
    for (let index = 0; index < errors.length; index++) {
      const item = errors[index];
      const error = item.error;
      body[index] = {
        message: this.unchanged ? error.message : this.message(item),
        error_code: error.error_code,
        field: error.field ?? null,
        details: error.details ?? null,
      };
    }
    return body;
  }

  /** One error's message in this locale. */
  message(item: ErrorWithStatus): string {
    const template = LocalizableError.argumentsOf(item);
    const error = item.error;
    if (template === undefined) return error.message;
    let render: RenderMessage | undefined;
    if (template.rule === undefined) render = this.codes.get(error.error_code);
    else {
      // A custom rule without a code of its own answers the generic 2000 with its own
      // default message: that text says more than the generic template, so it is kept
      // unless the locale has a message for the rule.
      render =
        this.rules.get(template.rule) ??
        (error.error_code === INVALID_VALUE.code ? undefined : this.codes.get(error.error_code));
    }
    if (render === undefined) return error.message;
    return asSentence(render(messageLookup(template.params, error.details, error.field)));
  }
}

/** Compiles one message for a locale: a template, or plural forms picked by `Intl.PluralRules`. */
export function compileMessage(message: LocalizedMessage, plurals: Intl.PluralRules): RenderMessage {
  if (typeof message === 'string') return compileTemplate(message);
  const forms = new Map<string, RenderMessage>();
  for (const category of PLURAL_CATEGORIES) {
    const form = message[category];
    if (form !== undefined) forms.set(category, compileTemplate(form));
  }
  const other = forms.get('other')!;
  const key = message.plural;
  return (lookup) => {
    const count = toCount(lookup(key));
    const form = count === undefined ? other : (forms.get(plurals.select(count)) ?? other);
    return form(lookup);
  };
}

function toCount(value: unknown): number | undefined {
  const count =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(count) ? count : undefined;
}
