import type { ErrorCodeRegistry } from '../codes/registry.js';
import type { TranslationContext } from '../translators/translator.js';
import type { RequestFacts } from './error-runtime.js';

/**
 * A TranslationContext whose request facts are asked of the transport only when a
 * translator reads them: most errors (a DomainError, a validation failure) are
 * translated without any, and reading them (the request line, whether a route matched,
 * whether the client hung up) was a few percent of such an answer on Express. The facts
 * are own enumerable properties all the same (one shared getter each), so a translator
 * that spreads or logs the context sees them as before.
 */
export class LazyFactsContext implements TranslationContext {
  static readonly #accessors: PropertyDescriptorMap = {
    bodyLimitBytes: {
      get(this: LazyFactsContext) {
        return this.#read().bodyLimitBytes;
      },
      enumerable: true,
      configurable: true,
    },
    request: {
      get(this: LazyFactsContext) {
        return this.#read().request;
      },
      enumerable: true,
      configurable: true,
    },
  };

  #factsOf: (() => RequestFacts) | undefined;
  #facts: RequestFacts | undefined;
  // Declared only: the getters above are defined on each context, after these two.
  declare bodyLimitBytes?: number;
  declare request?: TranslationContext['request'];

  constructor(
    readonly requestId: string,
    readonly registry: ErrorCodeRegistry,
    factsOf: () => RequestFacts,
  ) {
    this.#factsOf = factsOf;
    Object.defineProperties(this, LazyFactsContext.#accessors);
  }

  #read(): RequestFacts {
    if (this.#facts === undefined) {
      this.#facts = this.#factsOf!();
      this.#factsOf = undefined;
    }
    return this.#facts;
  }
}
