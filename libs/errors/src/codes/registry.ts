import { CODE_RANGES, CodeCategory, ErrorCode, categoryOf } from './error-code.js';

/** Who owns a set of codes: the library (ranges 1000-5999) or the application (6000-9999). */
export type CodeOwner = 'library' | 'application';

/** Thrown at start-up when two definitions claim one code or one name. */
export class ErrorCodeRegistrationError extends Error {
  override readonly name = 'ErrorCodeRegistrationError';
}

/**
 * The set of codes an application can answer with. Built from the library's codes
 * plus the app's own (through `ErrorsModule.forRoot({ codes })`). Registering a code
 * twice fails loudly at start-up, so two teams cannot silently share a number.
 */
export class ErrorCodeRegistry {
  private readonly byCode = new Map<string, { definition: ErrorCode; owner: CodeOwner }>();
  private readonly byName = new Map<string, ErrorCode>();
  private frozen = false;

  register(definitions: readonly ErrorCode[], owner: CodeOwner): this {
    for (const definition of definitions) {
      if (this.frozen) {
        // Titles and translations are compiled once from the registry at start-up: a code
        // added later would get neither, so it is refused rather than half-served.
        throw new ErrorCodeRegistrationError(
          `Error code ${definition.code} (${definition.name}) cannot be registered after the app has started: ` +
            'register codes through ErrorsModule.forRoot({ codes }) (or forRootAsync), before bootstrap.',
        );
      }
      this.registerOne(definition, owner);
    }
    return this;
  }

  /** Refuses every later registration (ErrorsModule freezes its registry once it has built its runtime). */
  freeze(): this {
    this.frozen = true;
    return this;
  }

  /** Whether later registrations are refused. */
  get isFrozen(): boolean {
    return this.frozen;
  }

  get(code: string): ErrorCode | undefined {
    return this.byCode.get(code)?.definition;
  }

  /** Every registered code in numeric order, with its owner and category. */
  entries(): { definition: ErrorCode; owner: CodeOwner; category: CodeCategory }[] {
    return [...this.byCode.values()]
      .map(({ definition, owner }) => ({ definition, owner, category: categoryOf(definition.code)! }))
      .sort((a, b) => Number(a.definition.code) - Number(b.definition.code));
  }

  private registerOne(definition: ErrorCode, owner: CodeOwner): void {
    const existing = this.byCode.get(definition.code);
    if (existing) {
      if (existing.definition === definition) return; // the same constant imported twice is harmless
      throw new ErrorCodeRegistrationError(
        `Error code ${definition.code} is registered twice: as ${existing.definition.name} and as ${definition.name}. ` +
          'Each code is unique to one situation; pick an unused code for one of them.',
      );
    }
    const sameName = this.byName.get(definition.name);
    if (sameName) {
      throw new ErrorCodeRegistrationError(
        `Error code name ${definition.name} is registered twice: for ${sameName.code} and for ${definition.code}.`,
      );
    }
    const category = categoryOf(definition.code);
    const allowed: CodeCategory[] =
      owner === 'application' ? ['application'] : ['request', 'validation', 'database', 'domain', 'server'];
    if (!category || !allowed.includes(category)) {
      const range = CODE_RANGES.application;
      throw new ErrorCodeRegistrationError(
        owner === 'application'
          ? `Application error code ${definition.code} (${definition.name}) is outside the application range ${range.from}-${range.to}.`
          : `Library error code ${definition.code} (${definition.name}) is outside the library ranges.`,
      );
    }
    this.byCode.set(definition.code, { definition, owner });
    this.byName.set(definition.name, definition);
  }
}
