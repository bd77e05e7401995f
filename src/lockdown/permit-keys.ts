// Translates between property keys and the whitelist's spelling of them: strings stay as they
// are, well-known symbols are '@@name', registered symbols '@@for(key)'. Any other symbol has no
// spelling, so it can never be permitted. Uses symbols captured at load time; no side effects.
import { Map, Symbol, getOwnPropertyNames, mapGet, mapSet, reflectGet, stringStartsWith, stringEndsWith, stringSlice, symbolFor, symbolKeyFor } from '../commons.js';

/** Well-known symbols (Symbol.iterator, ...) captured when this module loads, both ways. */
const wellKnown = new Map<symbol, string>();
const bySpelling = new Map<string, symbol>();
const names = getOwnPropertyNames(Symbol);
for (let i = 0; i < names.length; i += 1) {
  const name = names[i]!;
  const value: unknown = reflectGet(Symbol, name);
  if (typeof value === 'symbol') {
    mapSet(wellKnown, value, `@@${name}`);
    mapSet(bySpelling, `@@${name}`, value);
  }
}

/** The property key a whitelist spelling stands for (inverse of permitKeyOf for strings and well-known symbols). */
export const keyOfPermit = (spelled: string): string | symbol => {
  if (!stringStartsWith(spelled, '@@')) return spelled;
  const known = mapGet(bySpelling, spelled);
  if (known !== undefined) return known;
  if (stringStartsWith(spelled, '@@for(') && stringEndsWith(spelled, ')')) {
    return symbolFor(stringSlice(spelled, 6, spelled.length - 1));
  }
  return spelled;
};

/** The whitelist spelling of a property key, or undefined for a symbol that has none. */
export const permitKeyOf = (key: string | symbol): string | undefined => {
  if (typeof key === 'string') {
    // A string key spelled like a symbol or like the record's prototype slot is never permitted,
    // so `obj['@@iterator'] = ...` cannot pass itself off as the well-known symbol.
    return stringStartsWith(key, '@@') || key === '[[Proto]]' ? undefined : key;
  }
  const known = mapGet(wellKnown, key);
  if (known !== undefined) return known;
  const registered = symbolKeyFor(key);
  return registered === undefined ? undefined : `@@for(${registered})`;
};

/** A readable rendering of a key for error messages and reports, e.g. `[Symbol.iterator]`. */
export const displayKey = (key: string | symbol): string => {
  if (typeof key === 'string') return `.${key}`;
  const spelled = permitKeyOf(key);
  return spelled === undefined ? '[unregistered symbol]' : `[${spelled}]`;
};
