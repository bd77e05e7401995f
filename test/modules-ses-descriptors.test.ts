// Module descriptor semantics as ses defines them, scenario by scenario: a descriptor naming a
// specifier but no compartment refers to the parent compartment (the one whose Compartment made
// this one); `{ source }` makes a new instance, `{ namespace }` shares one; a descriptor's own
// `specifier` is where the instance is memoized (and collides with what is there); virtual
// sources' imports are resolved by the importing compartment's hooks.
import test from 'ava';
import { Compartment, ModuleSource, lockdown } from '../src/index.js';

lockdown({ reporting: 'none' });

type Hook = (specifier: string) => unknown;
const withHook = (C: typeof Compartment, importNowHook: Hook, extra: Record<string, unknown> = {}): Compartment =>
  new C({}, {}, { resolveHook: (s: string) => s, importNowHook, ...extra });

const objectSource = (): object => ({ source: new ModuleSource('export default { meaning: 42 }') });

test('{ source: spec } without a compartment: a new instance of the parent compartment\'s source', t => {
  const parent = withHook(Compartment, s => (s === './object.js' ? objectSource() : undefined));
  const parentObject = parent.importNow('./object.js').default;
  const child = withHook(parent.globalThis.Compartment, s => (s === './index.js' ? { source: './object.js' } : undefined));
  const childObject = child.importNow('./index.js').default;
  t.is(childObject.meaning, 42);
  t.not(childObject, parentObject);
});

test('{ namespace: spec } without a compartment: the parent compartment\'s very instance', t => {
  const parent = withHook(Compartment, s => (s === './object.js' ? objectSource() : undefined));
  const parentObject = parent.importNow('./object.js').default;
  const child = withHook(parent.globalThis.Compartment, s => (s === './index.js' ? { namespace: './object.js' } : undefined));
  t.is(child.importNow('./index.js').default, parentObject);
});

test('a root compartment has no parent: such a descriptor is refused clearly', t => {
  const c = withHook(Compartment, () => ({ namespace: './object.js' }));
  t.throws(() => c.importNow('./index.js'), { instanceOf: TypeError, message: /no compartment, and this compartment has no parent/ });
});

test('a virtual source from the parent, under a specifier of the child: the child resolves and loads its imports', t => {
  const parent = new Compartment({}, {}, {
    name: 'parent',
    resolveHook: (relative: string) => relative,
    importNowHook: (specifier: string) =>
      specifier === './meaning.js'
        ? {
            source: {
              imports: ['./meaningful.js'],
              exports: ['default'],
              execute(env: Record<string, unknown>, c: Compartment, resolutions: Record<string, string>) {
                env.default = c.importNow(resolutions['./meaningful.js']!).meaning;
              },
            },
          }
        : { source: { imports: [], exports: ['meaning'], execute: () => t.fail('the parent\'s must not run') } },
  });
  const seen: string[] = [];
  const child = new parent.globalThis.Compartment({}, {}, {
    name: 'child',
    resolveHook: (relative: string, referrer: string) => {
      seen.push(`${relative} from ${referrer}`);
      return './lib/meaningful.js';
    },
    importNowHook: (specifier: string) => {
      if (specifier === './lib/meaningful.js') return { source: { imports: [], exports: ['meaning'], execute: (env: Record<string, unknown>) => (env.meaning = 42) } };
      if (specifier === './index.js') return { source: './meaning.js', specifier: './lib/meaning.js' };
      return undefined;
    },
  });
  t.is(child.importNow('./index.js').default, 42);
  t.deepEqual(seen, ['./meaningful.js from ./lib/meaning.js']);
});

test('a descriptor\'s specifier that collides with a module already there gets that module', t => {
  const compartment: Compartment = new Compartment({}, { './object.js': objectSource() }, {
    importNowHook: (specifier: string) =>
      specifier === './index.js' ? { source: './object.js', specifier: './object.js', compartment } : undefined,
  });
  const object1 = compartment.importNow('./object.js').default;
  t.is(compartment.importNow('./index.js').default, object1);
  // Without the colliding specifier, a separate instance.
  const other: Compartment = new Compartment({}, { './object.js': objectSource() }, {
    importNowHook: (specifier: string) => (specifier === './index.js' ? { source: './object.js', compartment: other } : undefined),
  });
  t.not(other.importNow('./index.js').default, other.importNow('./object.js').default);
});

test('the module map hook precedes the import now hook', t => {
  const c = new Compartment({}, {}, {
    moduleMapHook: (s: string) => (s === './index.js' ? { source: new ModuleSource('export default 42;') } : undefined),
    importNowHook: () => t.fail('not reached'),
  });
  t.is(c.importNow('./index.js').default, 42);
});
