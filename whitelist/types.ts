// The grammar of the whitelist (permits) data in this folder. Pure types: no runtime code.
// The walker in src/lockdown/enforce-whitelist.ts interprets these and names no intrinsic itself.

/**
 * A reference to a named intrinsic, such as `'%ArrayPrototype%'`. In a property permit it means
 * "this property holds exactly that intrinsic" (identity), and the intrinsic's own record in
 * `permits` then describes its properties in turn.
 */
export type PermitRef = `%${string}%`;

/** "This data property holds a primitive of that type." */
export type PrimitivePermit = 'number' | 'string' | 'boolean' | 'symbol' | 'bigint' | 'undefined' | 'null';

/**
 * "This data property holds an anonymous function": callable, [[Prototype]] is
 * `%FunctionPrototype%`, and its own properties are only `length` (number) and `name` (string).
 */
export type FunctionPermit = 'fn';

/** What a data property may hold. */
export type ValuePermit = PrimitivePermit | FunctionPermit | PermitRef;

/** "This is an accessor property" with the given getter and setter (`'undefined'` when absent). */
export interface AccessorPermit {
  readonly get: FunctionPermit | PermitRef | 'undefined';
  readonly set: FunctionPermit | PermitRef | 'undefined';
}

/** What an own property of an intrinsic may be. */
export type PropertyPermit = ValuePermit | AccessorPermit;

/**
 * The record of one named intrinsic: its [[Prototype]] (`'null'` or a reference), and every own
 * property it may keep. Property keys are strings, or symbols spelled `'@@iterator'` (the
 * well-known `Symbol.iterator`) or `'@@for(harden)'` (the registered `Symbol.for('harden')`).
 * Any own property not listed here is removed by lockdown; a listed property of another shape
 * makes lockdown fail.
 */
export interface IntrinsicPermit {
  readonly '[[Proto]]': PermitRef | 'null';
  readonly [property: string]: PropertyPermit;
}

/** All intrinsic records, by name. */
export type Permits = { readonly [name: PermitRef]: IntrinsicPermit };

/** Global bindings: global property name → what it holds. */
export type GlobalPermits = { readonly [globalName: string]: PrimitivePermit | PermitRef };
