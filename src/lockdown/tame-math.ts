// Makes %SharedMath%, the `Math` of compartments: a copy of the host's Math whose `random`
// throws (a source of non-determinism and an ambient entropy authority). The host keeps the
// original as %InitialMath%. No side effects on the original Math.
import { markOwn } from './own-functions.js';
import { Math, TypeError, create, defineProperty, getOwnPropertyDescriptors, getPrototypeOf } from '../commons.js';
import { codes, formatMessage } from '../errors.js';

export const tameMath = (): { '%InitialMath%': object; '%SharedMath%': object } => {
  const SharedMath = create(getPrototypeOf(Math), getOwnPropertyDescriptors(Math)) as Record<string, unknown>;
  const message = formatMessage(
    'Math.random()',
    'not available in a compartment: it is non-deterministic; endow a seeded generator instead',
    codes.MATH_RANDOM_DISABLED,
  );
  // A concise method: not a constructor, `name` is "random", `length` 0, like the original.
  const { random } = {
    random(): number {
      throw new TypeError(message);
    },
  };
  defineProperty(SharedMath, 'random', { value: markOwn(random), writable: true, enumerable: false, configurable: true });
  return { '%InitialMath%': Math, '%SharedMath%': SharedMath };
};
