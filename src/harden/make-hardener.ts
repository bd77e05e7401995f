// makeHardener(): a ses-compatible `harden` (transitively freezes own properties of every key kind,
// accessor functions without calling them, and prototypes) plus `isHardened`, sharing one private
// record of what completed calls hardened. Iterative, so any depth is fine; re-entrant calls from
// Proxy traps are safe. Assumes src/commons.ts was evaluated first. No side effects until called.
import {
  Object,
  WeakMap,
  arrayBufferIsView,
  defineProperties,
  freeze,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  isArray,
  isExtensible,
  isFrozen,
  nodeIsProxy,
  objectHasOwn,
  ownKeys,
  preventExtensions,
  setPrototypeOf,
  typedArrayName,
  weakmapProtoDelete,
  weakmapProtoGet,
  weakmapProtoSet,
} from '../commons.js';
import type { Harden } from '../types.js';
import { descriptor } from './descriptor.js';
import { hasFeralStackAccessor, repairStackAccessor } from './error-stack.js';
import { makeHardenFailure } from './harden-failure.js';
import { countLeadingIndexKeys, isCanonicalNumericIndexString, lockTypedArrayProperty } from './typed-arrays.js';

export { tameHarden, makeUnsafeHardenPredicates, type HardenTaming } from './tame-harden.js';

/** What {@link makeHardener} returns: two views of one private hardened set. */
export interface Hardener {
  /**
   * Transitively freezes `root` and returns it; primitives are returned as is. Typed arrays are
   * sealed instead of frozen: their elements stay writable, every other own property is locked.
   * The contents of ArrayBuffers, DataViews, Maps, Sets and WeakMaps stay mutable: they are
   * internal slots, not properties. Throws a TypeError (PF_HARDEN_FAILED) naming the path to an
   * object that cannot be frozen; then nothing from that call is recorded as hardened (though
   * leaves it froze over already hardened prototypes read as hardened: they are, see isHardened).
   */
  readonly harden: Harden;
  /**
   * True for primitives, for objects that a completed call of this `harden` recorded, and for
   * leaves over them: frozen non-Proxy objects whose own properties hold only primitives (or
   * empty accessors) and whose prototype is null or hardened. Such an object can never change, so
   * it is hardened whoever froze it; harden leaves most of them out of its record (see below).
   * Runs no user code (never a Proxy trap, getter or setter) and never throws.
   */
  readonly isHardened: (x: unknown) => boolean;
}

// Generations: each call marks the objects it visits with its own number; it commits by simply
// finishing (its number leaves `active`), and rolls back by deleting its marks. Numbers wrap well
// before leaving the small-integer range, skipping those of calls in progress; a reused number can
// only make a nested call walk a hardened object again, never skip an unhardened one.
const GENERATION_LIMIT = 0x3fffffff;
// Shared work arrays that grew beyond this length are dropped after a call, not kept for reuse.
const KEEP_CAPACITY = 1024;

const ObjectPrototype: object = Object.prototype;

// Leaves. Most objects of a data graph hold only primitives (a point, a settings record, an array of
// strings); harden does not record those it freezes itself, which spares it most insertions into
// its weak table (what harden costs beyond a bare freeze walk, in time and in retained memory, and
// what slows down badly past a few million live entries on V8). isHardened recognises them by
// their shape instead, which needs to know, without running a trap, that an object is no Proxy: so
// this works on hosts with Node's `util.types.isProxy`; elsewhere every object counts as a possible
// Proxy, and harden records everything.
const isProxy: (x: unknown) => boolean = nodeIsProxy ?? (() => true);

/** A fresh array with no prototype: indexed stores past its end cannot reach a poisoned setter. */
const makeWorkArray = (): unknown[] => setPrototypeOf([], null) as unknown[];

/** Forgets the first `used` entries (so that the array holds no object alive), or drops it all. */
const releaseWorkArray = (array: unknown[], used: number): void => {
  if (array.length > KEEP_CAPACITY) {
    array.length = 0;
    return;
  }
  for (let i = 0; i < used; i += 1) array[i] = undefined;
};

/**
 * Descriptor objects inherit from %Object.prototype%: once it is frozen without `value`, `get` or
 * `set` (always, after lockdown), reading an absent one of those can neither run code nor find a
 * planted value, so the loop may skip the `hasOwn` test per property. Frozen is forever.
 */
const descriptorReadsAreSafe = (): boolean =>
  isFrozen(ObjectPrototype) &&
  !objectHasOwn(ObjectPrototype, 'value') &&
  !objectHasOwn(ObjectPrototype, 'get') &&
  !objectHasOwn(ObjectPrototype, 'set');

/** Makes a `harden` and `isHardened` pair over a private, weakly held hardened set. */
export const makeHardener = (): Hardener => {
  // object -> generation of the call that marked it. Own copies of the methods: see commons.
  const marks = new WeakMap<object, number>();
  defineProperties(marks, {
    get: descriptor({ value: weakmapProtoGet }),
    set: descriptor({ value: weakmapProtoSet }),
    delete: descriptor({ value: weakmapProtoDelete }),
  });
  // Generations of the calls in progress, outermost first; `depth` of them. Nested calls happen
  // only when a Proxy trap calls harden (of this hardener) during a walk.
  const active = makeWorkArray() as number[];
  let depth = 0;
  let lastGeneration = 0;
  // The outermost call reuses these two; nested calls take fresh ones.
  const sharedStack = makeWorkArray();
  const sharedVisited = makeWorkArray();
  let descriptorsSafe = false;

  const isActive = (generation: number): boolean => {
    for (let i = 0; i < depth; i += 1) if (active[i] === generation) return true;
    return false;
  };

  const isRecorded = (x: object): boolean => {
    const mark = marks.get(x);
    return mark !== undefined && (depth === 0 || !isActive(mark));
  };

  /** A leaf (see above), walking up through prototypes that are leaves themselves. */
  const isHardenedLeaf = (x: object): boolean => {
    for (let object = x; ; ) {
      if (isProxy(object) || isExtensible(object) || arrayBufferIsView(object)) return false;
      const keys = ownKeys(object);
      for (let i = 0; i < keys.length; i += 1) {
        const desc = getOwnPropertyDescriptor(object, keys[i]!);
        if (desc === undefined || desc.configurable) return false;
        if (objectHasOwn(desc, 'value')) {
          const { value } = desc;
          if (desc.writable || (typeof value === 'object' ? value !== null : typeof value === 'function')) return false;
        } else if (desc.get !== undefined || desc.set !== undefined) {
          return false;
        }
      }
      const proto = getPrototypeOf(object);
      if (proto === null || isRecorded(proto)) return true;
      object = proto;
    }
  };

  const isHardened = (x: unknown): boolean => {
    if (typeof x === 'object' ? x === null : typeof x !== 'function') return true;
    if (isRecorded(x as object)) return true;
    try {
      return isHardenedLeaf(x as object);
    } catch {
      return false; // e.g. a module namespace with a binding still in its temporal dead zone
    }
  };

  const harden = <T>(root: T): T => {
    if (typeof root === 'object' ? root === null : typeof root !== 'function') return root;
    const start = root as object;
    const startMark = marks.get(start);
    if (startMark !== undefined && (depth === 0 || !isActive(startMark))) return root;

    if (!descriptorsSafe) descriptorsSafe = descriptorReadsAreSafe();
    const safe = descriptorsSafe;
    const outer = depth > 0;
    do lastGeneration = lastGeneration >= GENERATION_LIMIT ? 1 : lastGeneration + 1;
    while (outer && isActive(lastGeneration));
    const generation = lastGeneration;
    const stack = outer ? makeWorkArray() : sharedStack;
    const visited = outer ? makeWorkArray() : sharedVisited;
    active[depth] = generation;
    depth += 1;

    let top = 0;
    let count = 0;
    let current: object = start;
    // Most objects share a few prototypes: remembering the last object found already marked saves
    // pushing and looking up Object.prototype once per object. Marked stays skippable for the call.
    let lastSkipped: unknown = undefined;
    let failed = false;
    let failure: unknown;
    stack[top++] = start;
    try {
      while (top > 0) {
        current = stack[--top] as object;
        stack[top] = undefined;
        const mark = marks.get(current);
        // Skip what this call or a completed one marked. In a nested call, a mark of a call still
        // in progress (further out) proves nothing yet: walk that object again.
        if (mark !== undefined && (!outer || mark === generation || !isActive(mark))) {
          lastSkipped = current;
          continue;
        }
        if (hasFeralStackAccessor) repairStackAccessor(current);

        // Freeze first: a Proxy then can no longer change the keys or values we read below
        // (its traps must agree with the frozen target). Typed arrays with elements refuse to
        // freeze; the brand check runs only then, so ordinary objects do not pay for it.
        const frozenBefore = !isExtensible(current);
        let typed = false;
        try {
          freeze(current);
        } catch (error) {
          if (typedArrayName(current) === undefined) throw error;
          preventExtensions(current);
          typed = true;
        }

        const keys = ownKeys(current);
        // An array's `length` holds a number; for a Proxy of an array too, once its target is
        // frozen (the descriptor trap must then report the target's value). No need to read it.
        const array = isArray(current);
        const firstChild = top;
        for (let i = typed ? countLeadingIndexKeys(current, keys) : 0; i < keys.length; i += 1) {
          const key = keys[i]!;
          if (array && key === 'length') continue;
          // Typed array elements hold numbers, and stay writable by design.
          if (typed && isCanonicalNumericIndexString(key)) continue;
          const desc = getOwnPropertyDescriptor(current, key);
          if (desc === undefined) continue; // a host object listing a key it does not have
          if (typed) lockTypedArrayProperty(current, key, desc);
          let value: unknown;
          let getter: unknown;
          let setter: unknown;
          if (safe) {
            value = desc.value;
            if (value === undefined) {
              getter = desc.get;
              setter = desc.set;
            }
          } else if (objectHasOwn(desc, 'value')) {
            value = desc.value;
          } else {
            getter = desc.get;
            setter = desc.set;
          }
          if (typeof value === 'object' ? value !== null : typeof value === 'function') {
            stack[top++] = value;
          } else if (value === undefined) {
            if (getter !== undefined) stack[top++] = getter;
            if (setter !== undefined) stack[top++] = setter;
          }
        }

        const proto = getPrototypeOf(current);
        if (proto !== null && proto !== lastSkipped) stack[top++] = proto;

        // Record it, unless it is a leaf we just froze (nothing pushed: only primitives, and a
        // prototype already marked), which isHardened recognises by shape. Recorded anyway: the
        // root (so that harden(root) again returns at once), objects already frozen before (maybe
        // shared: a second visit records them), typed arrays and DataViews (even empty: a view of
        // a resizable buffer can gain elements), and anything that may be a Proxy.
        if (
          top === firstChild &&
          !frozenBefore &&
          !typed &&
          current !== start &&
          !arrayBufferIsView(current) &&
          !isProxy(current)
        ) {
          continue;
        }
        // Marked only now, but before any child is popped: cycles back to it still stop here.
        marks.set(current, generation);
        visited[count++] = current;
      }
    } catch (error) {
      failed = true;
      failure = error;
      // Roll back: forget this call's marks (objects stay frozen; a later call walks them again).
      // A mark a nested call overwrote is that call's business: it committed or already rolled back.
      for (let i = 0; i < count; i += 1) {
        const object = visited[i] as object;
        if (marks.get(object) === generation) marks.delete(object);
      }
    } finally {
      depth -= 1;
      releaseWorkArray(stack, top); // popped entries were cleared as they were popped
      releaseWorkArray(visited, count);
    }
    // Only now, with our state restored, may describing the failure run Proxy traps again.
    if (failed) throw makeHardenFailure(start, current, failure, isHardened);
    return root;
  };

  return freeze({ harden, isHardened });
};
