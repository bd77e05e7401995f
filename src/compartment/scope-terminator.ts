// The scope terminator: the object of the `with` block that encloses every function the evaluator
// compiles, so that a name the rewrite failed to replace (a bug, by assumption) resolves to it and
// never to the host's global object. It claims every name and yields none: reading or writing
// through it throws a ReferenceError, as an unbound name does. Defense in depth, never on the
// normal path. Side effects: none (one frozen Proxy, never handed to guest code).
import { Proxy, ReferenceError, String, TypeError, create, freeze, unscopablesSymbol } from '../commons.js';

const notDefined = (key: PropertyKey): ReferenceError =>
  new ReferenceError(`${typeof key === 'symbol' ? 'a symbol' : String(key)} is not defined`);

// Null-prototype and frozen: no trap can be added, removed or inherited later. Traps not listed
// fall through to the frozen, empty, non-extensible target, which is as inert.
const handler: ProxyHandler<object> = freeze(
  create(null, {
    // Every name is "bound" here, so that no lookup continues past the `with` block.
    has: { value: (): boolean => true },
    get: {
      value: (_target: object, key: PropertyKey): undefined => {
        // A `with` block first asks for the object's @@unscopables (ECMA-262 9.1.1.2.1).
        if (key === unscopablesSymbol) return undefined;
        throw notDefined(key);
      },
    },
    set: {
      value: (_target: object, key: PropertyKey): never => {
        throw notDefined(key);
      },
    },
    defineProperty: {
      value: (_target: object, key: PropertyKey): never => {
        throw notDefined(key);
      },
    },
    deleteProperty: {
      value: (): never => {
        throw new TypeError('the scope terminator has no properties to delete');
      },
    },
    getPrototypeOf: { value: (): null => null },
  }) as ProxyHandler<object>,
);

/** The one scope terminator of this realm. */
export const scopeTerminator: object = new Proxy(freeze(create(null)), handler);
