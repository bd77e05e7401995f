// Node's deprecated `domain` module attaches `domain` objects to promises and callbacks, a path
// between otherwise isolated compartments. With 'safe', lockdown refuses to run once domains are
// initialized, and blocks them for the future with a non-configurable `process.domain`.
// Side effects: redefines `process.domain` (Node only; elsewhere nothing happens).
import { defineProperty, getOwnPropertyDescriptor, hostProcessObject, isObject } from '../commons.js';
import { codes, makeTypeError } from '../errors.js';

export type DomainTaming = 'safe' | 'unsafe';

export const tameDomain = (domainTaming: DomainTaming = 'safe'): void => {
  if (domainTaming === 'unsafe' || !isObject(hostProcessObject)) return;
  const process: object = hostProcessObject;
  // Node starts with a `domain: null` data property; the domain module turns it into an accessor.
  const desc = getOwnPropertyDescriptor(process, 'domain');
  if (desc !== undefined && (desc.get !== undefined || desc.set !== undefined)) {
    throw makeTypeError(
      'lockdown()',
      'Node.js domains are initialized (the "domain" module was loaded); use domainTaming: "unsafe" to allow them',
      codes.NO_DOMAINS,
    );
  }
  // Loading `domain` later redefines process.domain, which now throws a TypeError. Repeating this
  // definition is allowed (same attributes), so taming twice is harmless.
  if (desc !== undefined && !desc.configurable && desc.value === null && !desc.writable) return;
  defineProperty(process, 'domain', { value: null, writable: false, enumerable: false, configurable: false });
};
