// Builds the TypeError harden throws when some object of the graph cannot be frozen or inspected:
// it names the path from the root to that object (`root.a[0][[Prototype]]`), found by a second,
// breadth-first walk that runs only on failure, so successful calls keep no paths at all.
// Runs Proxy traps again (each guarded); no other side effects.
import {
  Map,
  String,
  arrayPush,
  defineProperty,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  isObject,
  jsonStringify,
  kindOf,
  mapGet,
  mapHas,
  mapSet,
  numberIsInteger,
  numberToString,
  objectHasOwn,
  ownKeys,
  stringCharCodeAt,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import { descriptor } from './descriptor.js';

/** Nodes examined by the path search before it gives up (it only improves the message). */
const SEARCH_LIMIT = 1_000_000;

const isIdentifierChar = (c: number, first: boolean): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 36 || c === 95 || (!first && c >= 48 && c <= 57);

const isIdentifier = (s: string): boolean => {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i += 1) if (!isIdentifierChar(stringCharCodeAt(s, i), i === 0)) return false;
  return true;
};

/** A canonical array index: "0" to "4294967294", no leading zeros or signs. */
const isArrayIndex = (s: string): boolean => {
  const n = +s;
  return numberIsInteger(n) && n >= 0 && n < 4294967295 && numberToString(n) === s;
};

/** `.name`, `[0]`, `["a b"]` or `[Symbol(s)]`. */
export const formatKey = (key: string | symbol): string => {
  if (typeof key === 'symbol') return `[${String(key)}]`;
  if (isIdentifier(key)) return `.${key}`;
  if (isArrayIndex(key)) return `[${key}]`;
  return `[${jsonStringify(key)}]`;
};

/** The message of a thrown value, read without calling anything it controls except Proxy traps. */
const describeThrown = (thrown: unknown): string => {
  if (!isObject(thrown)) return typeof thrown === 'string' ? thrown : `${kindOf(thrown)} ${String(thrown)} thrown`;
  try {
    const desc = getOwnPropertyDescriptor(thrown, 'message');
    if (desc !== undefined && objectHasOwn(desc, 'value') && typeof desc.value === 'string') return desc.value;
  } catch {
    // A revoked or hostile Proxy: fall through to the generic description.
  }
  return `${kindOf(thrown)} thrown`;
};

type Edge = readonly [parent: object, label: string];

/**
 * Breadth-first from `root` over the edges harden follows, to the shortest path to `target`.
 * Skips objects already hardened (none of them can reach an unhardened one). Undefined if the graph
 * no longer leads there (a Proxy may answer differently the second time) or the search is too big.
 */
const findPath = (root: object, target: object, isHardened: (x: unknown) => boolean): string | undefined => {
  const parents = new Map<object, Edge | undefined>();
  const queue: object[] = [root];
  mapSet(parents, root, undefined);
  const reach = (from: object, to: unknown, label: string): void => {
    if (isObject(to) && !mapHas(parents, to) && !isHardened(to)) {
      mapSet(parents, to, [from, label] as const);
      arrayPush(queue, to);
    }
  };
  let found = false;
  for (let head = 0; head < queue.length && head < SEARCH_LIMIT; head += 1) {
    const node = queue[head]!;
    if (node === target) {
      found = true;
      break;
    }
    try {
      const keys = ownKeys(node);
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i]!;
        const desc = getOwnPropertyDescriptor(node, key);
        if (desc === undefined) continue;
        const label = formatKey(key);
        if (objectHasOwn(desc, 'value')) reach(node, desc.value, label);
        else {
          reach(node, desc.get, `${label}[[Get]]`);
          reach(node, desc.set, `${label}[[Set]]`);
        }
      }
      reach(node, getPrototypeOf(node), '[[Prototype]]');
    } catch {
      // This node cannot be inspected (often the target itself): its edges stay unexplored.
    }
  }
  if (!found) return undefined;
  const labels: string[] = [];
  for (let edge = mapGet(parents, target); edge !== undefined; edge = mapGet(parents, edge[0])) {
    arrayPush(labels, edge[1]);
  }
  let path = 'root';
  for (let i = labels.length - 1; i >= 0; i -= 1) path += labels[i];
  return path;
};

/**
 * The error for a harden call that failed on `bad` (reached from `root`), with the original
 * exception as `cause`.
 */
export const makeHardenFailure = (
  root: object,
  bad: object,
  thrown: unknown,
  isHardened: (x: unknown) => boolean,
): Error => {
  let path: string | undefined;
  try {
    path = findPath(root, bad, isHardened);
  } catch {
    path = undefined;
  }
  const where = path ?? 'an object reachable from the argument';
  const error = makeTypeError('harden()', `cannot harden ${where}: ${describeThrown(thrown)}`, codes.HARDEN_FAILED);
  defineProperty(error, 'cause', descriptor({ value: thrown, writable: true, enumerable: false, configurable: true }));
  return error;
};
