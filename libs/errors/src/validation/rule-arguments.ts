import { ValidateNested, getMetadataStorage } from 'class-validator';

/** What the DTO declared for one rule of one property. */
export interface DeclaredRule {
  /** The decorator's arguments as class-validator stores them (`[3]` for `@MinLength(3)`). */
  readonly constraints: readonly unknown[];
  /** True when the DTO author wrote the message: it is then kept as written. */
  readonly authoredMessage: boolean;
}

type RulesByProperty = Map<string, Map<string, DeclaredRule>>;

// One entry per DTO class, built the first time one of its properties fails; the error
// path then costs two Map lookups per violation. A WeakMap so classes made at runtime
// (mixins, PartialType) are not kept alive by the cache.
const rulesByClass = new WeakMap<object, RulesByProperty>();

/**
 * The declared rule behind a violation: the class of the object it was found in (the
 * ValidationError's `target`), the property and the constraint name. `undefined` when
 * the rule was not declared through decorators (a schema, an array index).
 */
export function findDeclaredRule(target: unknown, property: string, constraintName: string): DeclaredRule | undefined {
  if (target === null || typeof target !== 'object') return undefined;
  const cls = (target as { constructor?: unknown }).constructor;
  if (typeof cls !== 'function') return undefined;
  let rules = rulesByClass.get(cls);
  if (!rules) {
    rules = collectRules(cls);
    rulesByClass.set(cls, rules);
  }
  return rules.get(property)?.get(constraintName);
}

// class-validator's own metadata API is typed with `Function`; matching it keeps casts out.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function collectRules(cls: Function): RulesByProperty {
  const storage = getMetadataStorage();
  const rules: RulesByProperty = new Map();
  // always=true with no groups: every rule of the class, whatever its groups, since we
  // only read arguments here and class-validator already decided which rules ran.
  for (const metadata of storage.getTargetValidationMetadatas(cls, '', true, false)) {
    const name = constraintNameOf(metadata, storage);
    let byName = rules.get(metadata.propertyName);
    if (!byName) {
      byName = new Map();
      rules.set(metadata.propertyName, byName);
    }
    // The first declaration wins, as the first message does in class-validator.
    if (!byName.has(name)) {
      byName.set(name, {
        constraints: Array.isArray(metadata.constraints) ? metadata.constraints : [],
        authoredMessage: metadata.message !== undefined && !CLASS_VALIDATOR_DEFAULTS.has(metadata.message),
      });
    }
  }
  return rules;
}

/**
 * Messages class-validator's own decorators store as if the DTO author had written them
 * (`@ValidateNested()` passes its default text as an explicit message). They are not the
 * author's words: the catalogue's template and its translations apply. Learnt from a
 * probe class decorated with those decorators, so they follow the installed version.
 */
const CLASS_VALIDATOR_DEFAULTS: ReadonlySet<unknown> = (() => {
  class DefaultMessageProbe {
    @ValidateNested() one?: unknown;
    @ValidateNested({ each: true }) each?: unknown;
  }
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(DefaultMessageProbe, '', true, false);
  return new Set(metadatas.map((metadata) => metadata.message).filter((message) => message !== undefined));
})();

// Mirrors class-validator's getConstraintType: the constraint's registered name, else
// the metadata type (isDefined, nestedValidation, ...).
export function constraintNameOf(
  metadata: { name?: string; type: string; constraintCls?: object },
  storage: ReturnType<typeof getMetadataStorage>,
): string {
  if (metadata.constraintCls) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    const name = storage.getTargetValidatorConstraints(metadata.constraintCls as Function)[0]?.name;
    if (name) return name;
  }
  return metadata.name ?? metadata.type;
}
