// Attack: use Math.random in shared code as an entropy source (non-determinism) or to observe
// another party's draws from the shared generator.
import test from 'ava';
import { lockdown } from '../src/index.js';
import { getIntrinsics } from '../src/lockdown/lockdown.js';

lockdown();

test('math-random-entropy: the compartments\' Math.random throws', t => {
  const SharedMath = getIntrinsics()!['%SharedMath%'] as typeof Math;
  const error = t.throws(() => SharedMath.random(), { instanceOf: TypeError });
  t.regex(error!.message, /PF_MATH_RANDOM_DISABLED/);
  t.is(SharedMath.random.name, 'random');
  t.is(SharedMath.random.length, 0);
  t.is(SharedMath.sqrt(9), 3);
  t.is(SharedMath.PI, Math.PI);
  t.is(Object.prototype.toString.call(SharedMath), '[object Math]');
  t.true(Object.isFrozen(SharedMath));
});

test('math-random-entropy: the host keeps a working Math.random', t => {
  const r = Math.random();
  t.true(r >= 0 && r < 1);
  t.not(getIntrinsics()!['%SharedMath%'], Math);
});
