// Test helper: walks everything reachable from the standard globals and from the anonymous
// intrinsics (reached here by syntax, independently of the implementation) and reports every
// object that is not frozen and every property that the whitelist does not name.
// Typed arrays are the one exception to "frozen": sealed, with non-index properties locked.
import { permits } from '../whitelist/permits.js';
import { permitKeyOf } from '../src/lockdown/permit-keys.js';

export interface WalkProblem {
  path: string;
  problem: string;
}

/** Roots reachable only by syntax: the test finds them itself rather than trusting lockdown. */
export const syntaxRoots = (): Record<string, unknown> => {
  function* g() {}
  async function af() {}
  async function* ag() {}
  const strictArgs = (function () {
    // eslint-disable-next-line prefer-rest-params
    return arguments;
  })();
  const P = Object.getPrototypeOf;
  // Instances made by syntax are the caller's own objects; what they reach is the shared part.
  const instances: Record<string, unknown> = {
    'function*': g,
    'async function': af,
    'async function*': ag,
    'array iterator': [][Symbol.iterator](),
    'map iterator': new Map().entries(),
    'set iterator': new Set().values(),
    'string iterator': ''[Symbol.iterator](),
    'regexp string iterator': /a/g[Symbol.matchAll]('a'),
    'arrow function': () => {},
    'class': class {},
    'regexp literal': /x/,
    'promise': Promise.resolve(),
    'bigint64array': new BigInt64Array(0),
  };
  const I = (globalThis as any).Iterator;
  if (I !== undefined && typeof I.from === 'function') {
    instances['iterator helper'] = ([].values() as any).map((x: unknown) => x);
    instances['wrapped iterator'] = I.from({ next: () => ({ done: true }) });
  }
  const roots: Record<string, unknown> = {
    'arguments.callee getter': Object.getOwnPropertyDescriptor(strictArgs, 'callee')?.get,
  };
  for (const [k, v] of Object.entries(instances)) roots[`(${k}).[[Prototype]]`] = P(v);
  return roots;
};

const isTypedArray = (x: unknown): boolean => ArrayBuffer.isView(x) && !(x instanceof DataView);
const isIndexKey = (key: string | symbol): boolean =>
  typeof key === 'string' && String(Number(key)) === key && key !== '-0';

/**
 * Walks from `roots` (name → value); `nameOf` maps a named intrinsic to its whitelist name.
 * Returns the problems found (an empty list means the invariant holds).
 */
export const findReachableProblems = (
  roots: Record<string, unknown>,
  nameOf: Map<object, string>,
  options: { checkWhitelist: boolean; freeze: boolean } = { checkWhitelist: true, freeze: true },
): { problems: WalkProblem[]; visited: number } => {
  const problems: WalkProblem[] = [];
  const seen = new Set<object>();
  const queue: [unknown, string][] = Object.entries(roots).map(([k, v]) => [v, k]);
  while (queue.length > 0) {
    const [value, path] = queue.pop()!;
    if ((typeof value !== 'object' || value === null) && typeof value !== 'function') continue;
    if (seen.has(value)) continue;
    seen.add(value);
    if (options.freeze) {
      if (isTypedArray(value)) {
        if (!Object.isSealed(value)) problems.push({ path, problem: 'typed array not sealed' });
      } else if (!Object.isFrozen(value)) {
        problems.push({ path, problem: 'not frozen' });
      }
    }
    const name = nameOf.get(value);
    const record = name === undefined ? undefined : (permits as Record<string, Record<string, unknown>>)[name];
    const proto = Object.getPrototypeOf(value);
    queue.push([proto, `${path}.[[Prototype]]`]);
    for (const key of Reflect.ownKeys(value)) {
      const desc = Object.getOwnPropertyDescriptor(value, key)!;
      const where = `${path}${typeof key === 'symbol' ? `[${String(key)}]` : `.${key}`}`;
      if (options.freeze && isTypedArray(value) && !isIndexKey(key) && (desc.configurable || desc.writable)) {
        problems.push({ path: where, problem: 'typed array property not locked' });
      }
      if (options.checkWhitelist && !isTypedArray(value)) {
        const spelled = permitKeyOf(key);
        if (record === undefined && typeof value !== 'function') {
          problems.push({ path, problem: 'reachable object is not a named intrinsic' });
          break;
        }
        const allowed =
          record !== undefined
            ? spelled !== undefined && Object.hasOwn(record, spelled)
            : // an anonymous function (a 'fn' permit or an override accessor) or an instance root
              typeof value !== 'function' || key === 'length' || key === 'name' || key === 'originalValue';
        if (!allowed) problems.push({ path: where, problem: 'not on the whitelist' });
      }
      if ('value' in desc) queue.push([desc.value, where]);
      else {
        queue.push([desc.get, `${where}.get`]);
        queue.push([desc.set, `${where}.set`]);
      }
    }
  }
  return { problems, visited: seen.size };
};
