// A harden installed by another library before lockdown (Object[Symbol.for('harden')]) means
// objects were "hardened" against untamed prototypes: lockdown must refuse, naming the cause.
import test from 'ava';
import { lockdown } from '../src/index.js';

Object.defineProperty(Object, Symbol.for('harden'), { value: (x: unknown) => x, configurable: true });

test('lockdown refuses when another harden was installed first', t => {
  t.throws(() => lockdown(), { message: /another instance|another library/ });
});
