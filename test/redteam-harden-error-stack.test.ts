// Red team. Attack: on V8 12+ (Node 22, 24, 25) every error has an own `stack` ACCESSOR whose
// shared setter writes an internal slot, and freezing does not stop it. A hardened error therefore
// stays mutable: two parties that are both handed one hardened error (a rejection reason, a thrown
// error) can talk through `err.stack`, and can even pass an unfrozen object (a capability) through
// it. ses repairs this in harden (make-hardener.js: the FERAL_STACK_GETTER pair becomes a data
// property before freezing). On Node 20 `stack` is a data property, so these tests pass there.
// Run with: npx -y -p node@22 node node_modules/ava/entrypoints/cli.mjs build/test/redteam-harden-error-stack.test.js
import test from 'ava';
import { harden, lockdown } from '../src/index.js';
import { getIntrinsics } from '../src/lockdown/lockdown.js';

lockdown({ reporting: 'none' });
const SharedError = getIntrinsics()!['%SharedError%'] as ErrorConstructor;

/** Guest code: strict, sees %SharedError% as Error. */
const guest = (source: string, endowments: Record<string, unknown>): any =>
  new Function('Error', ...Object.keys(endowments), `'use strict';\n${source}`)(SharedError, ...Object.values(endowments));

const engineError = (): Error => {
  try {
    (null as any).x();
  } catch (error) {
    return error as Error;
  }
  throw new Error('unreachable');
};

const cases: [string, () => object][] = [
  ['a guest-made error', () => guest('return new Error("shared");', {})],
  ['an engine-thrown TypeError', engineError],
  ['a host-made error', () => new Error('host')],
  ['an object given a stack by the host Error.captureStackTrace', () => {
    const o = {};
    (Error as any).captureStackTrace(o);
    return o;
  }],
];

for (const [label, make] of cases) {
  test(`harden-error-stack: ${label}, once hardened, cannot carry a message through .stack`, t => {
    const shared = harden(make());
    const before = (shared as any).stack;
    // Party A writes ...
    try {
      guest('"use strict"; e.stack = "hello from A";', { e: shared });
    } catch {
      // a TypeError is the safe outcome
    }
    try {
      Object.getOwnPropertyDescriptor(shared, 'stack')?.set?.call(shared, 'hello again');
    } catch {
      // ditto
    }
    // ... party B reads.
    t.is(guest('return e.stack;', { e: shared }), before);
  });
}

test('harden-error-stack: a hardened error cannot hand out an unfrozen object through .stack', t => {
  const shared = harden(guest('return new Error("shared");', {}));
  const capability = { secret: [] as string[] };
  try {
    (shared as any).stack = capability;
  } catch {
    // safe
  }
  const got = guest('return e.stack;', { e: shared });
  t.not(got, capability);
  t.true(typeof got !== 'object' || Object.isFrozen(got));
});

test('harden-error-stack: the shared stack accessor writes nothing on non-errors (blocked)', t => {
  const desc = Object.getOwnPropertyDescriptor(engineError(), 'stack')!;
  if (desc.set === undefined) {
    t.pass('data property on this engine');
    return;
  }
  for (const target of [Object.prototype, Array.prototype, SharedError, Math]) {
    try {
      desc.set.call(target, 'x');
    } catch {
      // fine
    }
    t.is(desc.get!.call(target), undefined);
  }
  t.true(Object.isFrozen(desc.get!) && Object.isFrozen(desc.set));
});
