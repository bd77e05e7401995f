// Tames RegExp. Its legacy static properties (RegExp.$1..$9, input/$_, lastMatch/$&, lastParen/$+,
// leftContext/$`, rightContext/$') expose the last match of ANY code in the realm: a covert channel
// between compartments and a leak of host data. They are not on the whitelist, so the whitelist
// phase deletes them; this module removes `RegExp.prototype.compile` (which re-initialises a RegExp
// in place) unless regExpTaming is 'unsafe'. Side effect: may delete that one property.
import { getOwnPropertyDescriptor, reflectDeleteProperty } from '../commons.js';
import { lockdownFailure } from './failure.js';

export const tameRegExp = (RegExpPrototype: object, regExpTaming: 'safe' | 'unsafe'): void => {
  if (regExpTaming === 'unsafe') return;
  if (getOwnPropertyDescriptor(RegExpPrototype, 'compile') === undefined) return;
  if (!reflectDeleteProperty(RegExpPrototype, 'compile')) {
    throw lockdownFailure('tame', '%RegExpPrototype%.compile', 'cannot be deleted');
  }
};
