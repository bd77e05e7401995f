// Property descriptors without a prototype, for harden's own defineProperty calls: ToPropertyDescriptor
// (§6.2.5.5) reads `get`, `set`, `value`… through the prototype chain, so a plain literal would pick
// up fields planted on Object.prototype before lockdown froze it. No side effects.
import { assign, create } from '../commons.js';

/** A copy of `fields` (own properties only) on an object with a null prototype. */
export const descriptor = (fields: PropertyDescriptor): PropertyDescriptor =>
  assign(create(null) as PropertyDescriptor, fields);
