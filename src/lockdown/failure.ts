// Builds the error lockdown throws when it cannot finish: it names the phase and the property path,
// carries a stable code, and is a TypeError of the host realm. Also the small predicate telling
// a whitelist reference from a type name. No side effects.
import {
  WeakSet,
  defineProperty,
  getOwnPropertyDescriptor,
  isObject,
  stringEndsWith,
  stringStartsWith,
  weaksetAdd,
  weaksetHas,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import type { PermitRef } from '../../whitelist/types.js';

/** Phases named in failure messages; they match the phases in lockdown.ts. */
export type LockdownPhase =
  | 'options'
  | 'tame'
  | 'collect intrinsics'
  | 'enforce whitelist'
  | 'enable overrides'
  | 'harden';

const failures = new WeakSet<object>();

/**
 * `lockdown(): phase "<phase>" failed at <where>: <why> (PF_LOCKDOWN_FAILED)`. An underlying error,
 * if any, is kept as `cause`.
 */
export const lockdownFailure = (phase: LockdownPhase, where: string, why: string, cause?: unknown): Error => {
  const error = makeTypeError('lockdown()', `phase "${phase}" failed at ${where}: ${why}`, codes.LOCKDOWN_FAILED);
  if (cause !== undefined) defineProperty(error, 'cause', { value: cause, writable: true, enumerable: false, configurable: true });
  weaksetAdd(failures, error);
  return error;
};

/** True for errors made by lockdownFailure. */
export const isLockdownFailure = (error: unknown): boolean => isObject(error) && weaksetHas(failures, error);

/** The message of an error, read as an own data property only (never calls a getter). */
export const describeError = (error: unknown): string => {
  if (!isObject(error)) return `a thrown ${typeof error}`;
  const desc = getOwnPropertyDescriptor(error, 'message');
  return desc !== undefined && 'value' in desc && typeof desc.value === 'string' ? desc.value : 'an error without a message';
};

/** True for `'%Name%'` references, false for type names such as 'fn' or 'number'. */
export const isPermitRef = (permit: unknown): permit is PermitRef =>
  typeof permit === 'string' && permit.length > 2 && stringStartsWith(permit, '%') && stringEndsWith(permit, '%');
