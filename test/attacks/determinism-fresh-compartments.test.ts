// Attack: learn something about the host (time zone, language, locale data, stack layout, engine
// state) from computations that should be pure. The same program runs in two fresh compartments,
// and in child processes with different TZ/LANG: Date (explicit times), Math (except random),
// locale methods, Intl's absence, error messages and stacks, sort, key order, JSON, typed arrays,
// DataView NaN bits, and Function.prototype.toString of guest functions. Outputs must be identical.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';
import { childJson } from '../_child.js';
import { assertNoSharedMutableState } from './_shared-state.js';

lockdown({ reporting: 'none' });

const PROGRAM = `
  const out = {};
  const at = (k, f) => { try { out[k] = f(); } catch (e) { out[k] = 'threw ' + (e && e.name) + ': ' + (e && e.message); } };
  const d = new Date(2020, 5, 15, 13, 45, 30, 123);
  at('date local ctor', () => d.valueOf());
  at('date methods', () => [d.getHours(), d.getTimezoneOffset(), d.getDay(), d.toString(), d.toDateString(), d.toTimeString(),
    d.toISOString(), d.toUTCString(), d.toJSON(), d.toLocaleString(), d.toLocaleDateString(), d.toLocaleTimeString()]);
  at('date parse', () => [Date.parse('2020-06-15T13:45'), Date.parse('2020-06-15'), Date.parse('Jun 15 2020 13:45'), Date.parse('2020/06/15')]);
  at('date utc', () => Date.UTC(2020, 5, 15));
  at('date now', () => Date.now());
  at('new Date()', () => new Date().valueOf());
  at('Date()', () => Date());
  at('math', () => [Math.sin(1), Math.cos(1e10), Math.exp(1.5), Math.pow(2, 0.5), Math.atan2(1, 3), Math.log1p(1e-10), Math.cbrt(27), Math.hypot(3, 4), Math.fround(0.1), Math.tanh(0.5)]);
  at('math random', () => Math.random());
  at('locale', () => [(1234567.891).toLocaleString(), (1234n).toLocaleString(), 'a'.localeCompare('B'), ['b', 'a', 'C', 'ä'].sort((x, y) => x.localeCompare(y)),
    'ı'.toLocaleUpperCase(), 'İ'.toLocaleLowerCase(), 'I'.toLocaleLowerCase('tr'), [1234.5, d].toLocaleString(), 'ß'.toLocaleUpperCase()]);
  at('intl', () => [typeof Intl, typeof globalThis.Intl, 'Intl' in globalThis]);
  at('error messages', () => [(() => { try { null.x; } catch (e) { return [e.message, String(e), e.stack]; } })(),
    (() => { try { undefinedName; } catch (e) { return [e.message, e.stack]; } })(),
    (() => { try { (void 0)(); } catch (e) { return e.message; } })(),
    (() => { try { new Array(-1); } catch (e) { return e.message; } })(),
    (() => { try { JSON.parse('{bad'); } catch (e) { return e.message; } })(),
    String(new Error('x').stack), Object.getOwnPropertyNames(new Error('x')), Object.getOwnPropertyNames(new Error('x', { cause: 1 }))]);
  at('sort', () => [[10, 9, 1, 100, 25].sort(), Array.from({ length: 50 }, (_, i) => ({ k: i % 3, i })).sort((a, b) => a.k - b.k).map(x => x.i),
    ['b', undefined, 'a', , 'c'].sort(), [3, 1, 2].toSorted?.()]);
  at('keys', () => [Object.keys({ b: 1, 2: 1, a: 1, 1: 1, [Symbol.iterator]: 1, '-1': 1 }), Reflect.ownKeys(function f(a, b) {}), Object.getOwnPropertyNames(class { static x = 1; })]);
  at('json', () => [JSON.stringify({ a: [1, { b: '\\u2028\\ud800' }], c: -0, d: 1e21, e: 0.1 + 0.2 }, null, 2), JSON.stringify(new Date(0))]);
  at('numbers', () => [(0.1).toFixed(20), (123.456).toPrecision(2), (1e21).toString(36), Number('0x1F'), parseFloat('1e-7'), (255).toString(2)]);
  at('typed arrays', () => {
    const dv = new DataView(new ArrayBuffer(16));
    dv.setFloat64(0, NaN); dv.setFloat32(8, -NaN);
    const bytes = [];
    for (let i = 0; i < 16; i += 1) bytes.push(dv.getUint8(i));
    return [bytes, typeof Float64Array, typeof Float32Array, Array.from(new Uint8Array([1, 2, 300])), Array.from(new Int16Array(new Uint8Array([1, 2, 3, 4]).buffer))];
  });
  at('toString of guest functions', () => [String(function f(a) { return a + x + Math.max(a, y); }), String((a, b) => a * z),
    String(class K extends Array { m() { return w; } }), Function('a', 'return a + free')+'', String(async function* g() { yield q; })]);
  at('regexp', () => ['aBc'.match(/b/i).index, /\\p{Lu}/u.test('É'), 'a-b_c'.split(/[-_]/), /(?<y>\\d{4})/.exec('in 2020').groups.y]);
  at('string', () => ['e\\u0301'.normalize('NFC').length, 'abc'.at(-1), 'x'.padStart(3, 'ab'), String.raw\`a\\n\${1}\`]);
  at('globals', () => Object.getOwnPropertyNames(globalThis).sort());
  JSON.stringify(out);
`;

const CHILD = `
  import { lockdown, Compartment } from 'SRCindex.js';
  lockdown({ reporting: 'none' });
  console.log(JSON.stringify(new Compartment().evaluate(${JSON.stringify(PROGRAM)})));
`;

test('determinism-fresh-compartments: two fresh compartments compute byte-identical output', t => {
  const one = new Compartment().evaluate(PROGRAM) as string;
  const two = new Compartment().evaluate(PROGRAM) as string;
  t.is(typeof one, 'string');
  t.is(one, two);
  const parsed = JSON.parse(one);
  t.true(String(parsed['date now']).startsWith('threw'), 'no clock');
  t.true(String(parsed['math random']).startsWith('threw'), 'no randomness');
  t.deepEqual(parsed.intl, ['undefined', 'undefined', false]);
});

test('determinism-fresh-compartments: child processes with different TZ and LANG agree with this one', t => {
  const here = new Compartment().evaluate(PROGRAM) as string;
  const saved = { TZ: process.env.TZ, LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
  const results: Record<string, string> = {};
  try {
    for (const [TZ, LANG] of [['America/New_York', 'en_US.UTF-8'], ['Asia/Kolkata', 'tr_TR.UTF-8'], ['Pacific/Chatham', 'de_DE.UTF-8']] as const) {
      process.env.TZ = TZ;
      process.env.LANG = LANG;
      process.env.LC_ALL = LANG;
      results[`${TZ} ${LANG}`] = childJson(CHILD);
    }
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  for (const [env, output] of Object.entries(results)) {
    t.is(output, here, env);
  }
});

test('determinism-fresh-compartments: two compartments share no mutable state', t => {
  const a = new Compartment();
  a.evaluate(PROGRAM);
  assertNoSharedMutableState(t, a, new Compartment());
});
