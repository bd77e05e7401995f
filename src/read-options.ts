// Reads an options bag the one way Permafrost does everywhere: own data properties only (a getter
// is never called, so a hostile bag cannot answer differently to different readers), unknown names
// and symbol keys rejected with the list of accepted names. No side effects.
import {
  arrayIncludes,
  arrayJoin,
  arrayMap,
  create,
  getOwnPropertyDescriptor,
  isObject,
  jsonStringify,
  kindOf,
  ownKeys,
} from './commons.js';
import { codes, makeTypeError } from './errors.js';

/** `"a", "b", "c"`: names quoted and joined, for messages. */
export const listOfNames = (names: readonly string[]): string => arrayJoin(arrayMap(names, n => jsonStringify(n)), ', ');

/** The own data properties of `bag` by name (a null-prototype record); unknown names and accessors throw. */
export const readOptionsBag = (api: string, bag: unknown, accepted: readonly string[]): Record<string, unknown> => {
  const given = create(null) as Record<string, unknown>;
  if (bag === undefined) return given;
  if (!isObject(bag) || typeof bag === 'function') {
    throw makeTypeError(api, `options must be an object, got a value of kind ${kindOf(bag)}`, codes.BAD_OPTIONS);
  }
  const names = ownKeys(bag);
  for (let i = 0; i < names.length; i += 1) {
    const key = names[i]!;
    if (typeof key !== 'string' || !arrayIncludes(accepted, key)) {
      const shown = typeof key === 'symbol' ? 'of kind symbol' : jsonStringify(key);
      throw makeTypeError(api, `unknown option ${shown}; accepted options are ${listOfNames(accepted)}`, codes.UNKNOWN_OPTION);
    }
    const desc = getOwnPropertyDescriptor(bag, key);
    if (desc === undefined) continue; // a Proxy listed a key it does not have
    if (!('value' in desc)) {
      throw makeTypeError(api, `option "${key}" must be a data property, not an accessor`, codes.BAD_OPTIONS);
    }
    given[key] = desc.value;
  }
  return given;
};
