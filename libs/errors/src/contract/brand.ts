/**
 * `instanceof` for the library's own classes across two copies of the package (an app
 * and a library depending on different versions, a monorepo with two node_modules): each
 * branded class marks its prototype with a key from the global symbol registry, and its
 * `Symbol.hasInstance` accepts any object carrying that mark, whichever copy made it.
 * Classes an app derives from a branded class keep the ordinary prototype check.
 */
const BRAND = Symbol.for('nest-error-contract.brand');

/** Marks `type` as the library class `name`, recognised by every copy of the package. */
export function brand(type: abstract new (...args: never[]) => unknown, name: string): void {
  const mark = Symbol.for(`nest-error-contract.${name}`);
  Object.defineProperty(type.prototype, mark, { value: true });
  Object.defineProperty(type, BRAND, { value: mark });
  Object.defineProperty(type, Symbol.hasInstance, {
    value(this: unknown, value: unknown): boolean {
      if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
      // Only the branded class itself (not an app's subclass, which inherits this method)
      // accepts another copy's instances.
      if (typeof this !== 'function' || !Object.hasOwn(this, BRAND)) return false;
      const own = (this as unknown as Record<symbol, symbol>)[BRAND];
      return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[own] === true;
    },
  });
}
