// Closes the NaN side channel of DataView: `setFloat64`/`setFloat32`/`setFloat16` write a NaN's bits
// as the engine happens to hold them, which differ by CPU, compiler tier and operation (0/0 vs
// Infinity-Infinity), so reading the bytes back makes results depend on the host. The replacements
// write the one canonical NaN. Argument coercion keeps the spec's order (receiver check, ToIndex,
// ToNumber, then the original method). Side effect: replaces those methods on %DataViewPrototype%.
import { markOwn } from './own-functions.js';
import {
  RangeError,
  apply,
  defineProperty,
  getOwnPropertyDescriptor,
  mathTrunc,
  numberIsNaN,
} from '../commons.js';
import { lockdownFailure } from './failure.js';

const MAX_SAFE_INTEGER = 2 ** 53 - 1;

/** The spec's ToIndex (7.1.22), so that we coerce the offset exactly once and in order. */
const toIndex = (value: unknown, api: string): number => {
  if (value === undefined) return 0;
  const n = +(value as number); // ToNumber: throws on BigInt and Symbol, as the spec's ToIndex does
  const integer = numberIsNaN(n) ? 0 : mathTrunc(n);
  if (integer < 0 || integer > MAX_SAFE_INTEGER) throw new RangeError(`${api}: offset is out of range`);
  return integer;
};

export const tameNaN = (DataViewPrototype: object): void => {
  const bufferGetter = getOwnPropertyDescriptor(DataViewPrototype, 'buffer')?.get;
  if (bufferGetter === undefined) throw lockdownFailure('tame', '%DataViewPrototype%.buffer', 'expected a getter');
  const methods = ['setFloat64', 'setFloat32', 'setFloat16'] as const;
  for (let i = 0; i < methods.length; i += 1) {
    const name = methods[i]!;
    const desc = getOwnPropertyDescriptor(DataViewPrototype, name);
    if (desc === undefined) continue; // setFloat16 is recent
    const original = desc.value as (offset: number, value: number, littleEndian: unknown) => void;
    const api = `DataView.prototype.${name}`;
    // A concise method keeps `name`, is not a constructor; `length` is fixed up below.
    const replacement = {
      [name](this: unknown, byteOffset: unknown, value: unknown, littleEndian: unknown): undefined {
        apply(bufferGetter, this, []); // RequireInternalSlot([[DataView]]): throws TypeError first
        const index = toIndex(byteOffset, api);
        const n = +(value as number); // ToNumber (unary plus: throws on BigInt, unlike Number())
        apply(original, this, [index, numberIsNaN(n) ? NaN : n, littleEndian]);
        return undefined;
      },
    }[name]!;
    defineProperty(replacement, 'length', { value: 2, writable: false, enumerable: false, configurable: true });
    defineProperty(DataViewPrototype, name, { ...desc, value: markOwn(replacement) });
  }
};
