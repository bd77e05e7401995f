// Unit: the whitelist walker on small synthetic permits (no lockdown): removal of unlisted
// properties, loud failure on wrong shapes before anything is removed, symbol spellings.
import test from 'ava';
import { enforceWhitelist } from '../src/lockdown/enforce-whitelist.js';
import type { Permits } from '../whitelist/types.js';

const permits = {
  '%FunctionPrototype%': { '[[Proto]]': 'null' },
  '%Thing%': {
    '[[Proto]]': 'null',
    method: 'fn',
    count: 'number',
    child: '%Child%',
    size: { get: 'fn', set: 'undefined' },
    '@@iterator': 'fn',
  },
  '%Child%': { '[[Proto]]': 'null' },
} as const satisfies Permits;

const FunctionPrototype = Object.create(null);
const fn = () => Object.setPrototypeOf(() => {}, FunctionPrototype);

const make = () => {
  const child = Object.create(null);
  const thing = Object.create(null);
  Object.assign(thing, { method: fn(), count: 1, child });
  Object.defineProperty(thing, 'size', { get: fn(), configurable: true });
  thing[Symbol.iterator] = fn();
  return { '%FunctionPrototype%': FunctionPrototype, '%Thing%': thing, '%Child%': child };
};

test('unlisted string and symbol properties are removed and reported', t => {
  const intrinsics = make();
  const thing = intrinsics['%Thing%'];
  thing.extra = 1;
  thing[Symbol('private')] = 2;
  thing[Symbol.for('registered')] = 3;
  thing['@@iterator'] = fn(); // a string spelled like the symbol is not the symbol
  thing.method.extra = 4; // extra property on an anonymous function
  const removals = enforceWhitelist(intrinsics, permits);
  t.deepEqual(removals.map(r => r.path).sort(), [
    '%Thing%.extra',
    '%Thing%.method.extra',
    '%Thing%.@@iterator',
    '%Thing%[@@for(registered)]',
    '%Thing%[unregistered symbol]',
  ].sort());
  t.deepEqual(Reflect.ownKeys(thing).sort((a, b) => String(a).localeCompare(String(b))), Reflect.ownKeys(make()['%Thing%']).sort((a, b) => String(a).localeCompare(String(b))));
});

const shapeCases: [string, (thing: any, i: any) => void, RegExp][] = [
  ['data where accessor expected', thing => Object.defineProperty(thing, 'size', { value: 1 }), /size: should be an accessor/],
  ['accessor where data expected', thing => Object.defineProperty(thing, 'count', { get: fn() }), /count: should be a data property/],
  ['wrong primitive type', thing => (thing.count = 'one'), /count: should be of type number, found string/],
  ['non-function for fn', thing => (thing.method = {}), /method: should be a function/],
  ['wrong identity', thing => (thing.child = Object.create(null)), /child: is not %Child%/],
  ['wrong prototype', thing => Object.setPrototypeOf(thing, {}), /\[\[Prototype\]\]: should be null/],
  ['setter present', thing => Object.defineProperty(thing, 'size', { get: fn(), set: fn() }), /size setter: should be absent/],
];

for (const [label, mutate, message] of shapeCases) {
  test(`wrong shape fails loudly and removes nothing: ${label}`, t => {
    const intrinsics = make();
    const thing = intrinsics['%Thing%'];
    thing.extra = 'kept until the shape is fixed';
    mutate(thing, intrinsics);
    const error = t.throws(() => enforceWhitelist(intrinsics, permits), { instanceOf: TypeError });
    t.regex(error!.message, message);
    t.regex(error!.message, /phase "enforce whitelist".*PF_LOCKDOWN_FAILED/);
    t.is(thing.extra, 'kept until the shape is fixed');
  });
}

test('a non-configurable unlisted property fails instead of staying reachable', t => {
  const intrinsics = make();
  Object.defineProperty(intrinsics['%Thing%'], 'stuck', { value: 1, configurable: false });
  t.throws(() => enforceWhitelist(intrinsics, permits), { message: /%Thing%\.stuck: is not on the whitelist and cannot be deleted/ });
});

test('a collected object without a record fails', t => {
  const intrinsics: Record<string, object> = { ...make(), '%Unknown%': {} };
  t.throws(() => enforceWhitelist(intrinsics, permits), { message: /%Unknown%: has no record/ });
});
