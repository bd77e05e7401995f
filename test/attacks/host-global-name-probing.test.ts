// Attack: learn which globals the host has (process, require, a host-only name, console...) from
// inside a compartment, by reading, `typeof`, `in`, assignment, calls, error messages, reflection on
// the global object, or constructors reached from it. Every probe must answer the same for a name
// the host has as for a name nobody has.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';
import { runThenCompare } from './_shared-state.js';

lockdown({ reporting: 'none' });

const hostNames = ['process', 'require', 'module', 'console', 'setTimeout', 'Buffer', 'global', 'hostSecretName', 'WeakRef'];
const control = 'nobodyHasThisName';

/** Each probe, as guest code that yields a string for the name `%N%`. */
const probes = [
  'typeof %N%',
  `(() => { try { %N%; return 'read'; } catch (e) { return e.constructor.name + ': ' + e.message.replace('%N%', '@'); } })()`,
  `(() => { try { %N% = 1; return 'write'; } catch (e) { return e.constructor.name + ': ' + e.message.replace('%N%', '@'); } })()`,
  `(() => { try { %N%(); return 'call'; } catch (e) { return e.constructor.name; } })()`,
  `(() => { try { %N% += 1; return 'compound'; } catch (e) { return e.constructor.name; } })()`,
  `(() => { try { [%N%] = [1]; return 'destructure'; } catch (e) { return e.constructor.name; } })()`,
  `String('N' in globalThis)`,
  `String(Reflect.has(globalThis, 'N'))`,
  `String(Object.getOwnPropertyNames(globalThis).includes('N'))`,
  `String(Object.getOwnPropertyDescriptor(globalThis, 'N'))`,
  `String(Object.getPrototypeOf(globalThis).hasOwnProperty('N'))`,
  `typeof globalThis.N`,
  `typeof eval('typeof N')`,
  `eval('typeof N')`,
  `Function('return typeof N')()`,
  `(() => { try { return String(Function('return N')()); } catch (e) { return e.constructor.name; } })()`,
  `(() => { try { return String((function () {}).constructor('return N')); } catch (e) { return e.constructor.name; } })()`,
  `new Compartment().evaluate('typeof N')`,
];

test('host-global-name-probing: every probe answers the same for host names and unknown names', t => {
  (globalThis as any).hostSecretName = { secret: 42 };
  try {
    const c = new Compartment();
    for (const probe of probes) {
      const expected = c.evaluate(probe.replaceAll('%N%', control));
      for (const name of hostNames) {
        const answer = c.evaluate(probe.replaceAll('%N%', name));
        t.is(answer.replace(name, control), expected.replace(name, control), `${name}: ${probe}`);
      }
    }
  } finally {
    delete (globalThis as any).hostSecretName;
  }
});

test('host-global-name-probing: the global object holds the whitelisted globals only', t => {
  const names = new Compartment().evaluate('Object.getOwnPropertyNames(globalThis)') as string[];
  for (const name of ['process', 'require', 'console', 'setTimeout', 'global', 'WeakRef', 'SharedArrayBuffer', 'Atomics', 'Intl']) {
    t.false(names.includes(name), name);
  }
  t.true(names.includes('Array') && names.includes('eval') && names.includes('Compartment'));
  const proto = new Compartment().evaluate('Object.getPrototypeOf(globalThis)');
  t.is(proto, Object.prototype, 'the shared, frozen %ObjectPrototype%');
});

test('host-global-name-probing: a host value reached by no name cannot be told apart by timing of lookups', t => {
  // Lookups never consult the host's global object, so a host global with a getter never runs.
  let touched = false;
  Object.defineProperty(globalThis, 'trapName', {
    get() {
      touched = true;
      return 1;
    },
    configurable: true,
  });
  try {
    const c = new Compartment();
    c.evaluate('typeof trapName; try { trapName } catch {} try { trapName = 1 } catch {} "trapName" in globalThis');
    t.false(touched);
  } finally {
    delete (globalThis as any).trapName;
  }
});

test('host-global-name-probing: two compartments share no mutable state', t => {
  runThenCompare(t, () => new Compartment(), 'globalThis.probe = typeof process; Object.prototype.leak = 1; Array.prototype.x = 1;');
});
