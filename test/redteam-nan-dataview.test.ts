// Red team. Attack: read the bits of NaN values (which differ by CPU, JIT tier and operation) to
// make results host-dependent, through every float-to-bytes path a guest has: DataView setters
// (tamed), and typed arrays (the float ones are host-only, so a guest cannot reach one by species,
// %TypedArray%.from or a prototype walk). Plus a conformance check of the tamed setters' coercions:
// ToNumber/ToIndex throw on a BigInt, which `Number(x)` does not (src/lockdown/tame-nan.ts).
import test from 'ava';
import { lockdown } from '../src/index.js';
import { getIntrinsics } from '../src/lockdown/lockdown.js';

lockdown({ reporting: 'none' });
const I = getIntrinsics()!;

const guest = (source: string): any => new Function('Math', `'use strict';\n${source}`)(I['%SharedMath%']);

test('nan-dataview: every NaN a guest can make is written as the one canonical NaN (blocked)', t => {
  const bits = guest(`
    const dv = new DataView(new ArrayBuffer(8));
    // A NaN with a payload, made from bytes, then read back as a number.
    dv.setUint32(0, 0x7ff80000 | 0x1234); dv.setUint32(4, 0xdeadbeef);
    const payload = dv.getFloat64(0);
    const nans = [NaN, 0 / 0, Infinity - Infinity, Math.sqrt(-1), payload, -payload, Number('x'), parseFloat('x'), Math.fround(payload)];
    const out = new Set();
    for (const n of nans) for (const [set, get, size] of [['setFloat64', 'getBigUint64', 8], ['setFloat32', 'getUint32', 4], ['setFloat16', 'getUint16', 2]]) {
      if (typeof dv[set] !== 'function') continue;
      dv[set](0, n);
      out.add(set + ':' + String(dv[get](0)));
    }
    return [...out].sort();
  `);
  t.true(bits.length <= 3, `one bit pattern per width: ${bits.join(' ')}`);
});

test('nan-dataview: no float typed array is reachable from the shared intrinsics (blocked)', t => {
  const r = guest(`
    const found = [];
    const seen = new Set();
    const queue = [Uint8Array, BigInt64Array, DataView, ArrayBuffer, Object.getPrototypeOf(Uint8Array)];
    while (queue.length) {
      const v = queue.pop();
      if ((typeof v !== 'object' || v === null) && typeof v !== 'function') continue;
      if (seen.has(v)) continue;
      seen.add(v);
      if (typeof v === 'function' && /^Float/.test(v.name)) found.push(v.name);
      queue.push(Object.getPrototypeOf(v));
      for (const k of Reflect.ownKeys(v)) { const d = Object.getOwnPropertyDescriptor(v, k); queue.push(d.value, d.get, d.set); }
    }
    const u = new Uint8Array(8);
    try { found.push(String(Object.getPrototypeOf(u.map.call(u, x => x)).constructor.name)); } catch {}
    return found;
  `);
  t.deepEqual(r, ['Uint8Array']);
});

test('nan-dataview: the tamed setters throw on a BigInt value or offset, as ToNumber and ToIndex do', t => {
  const dv = new DataView(new ArrayBuffer(8));
  t.throws(() => dv.setFloat64(0, 1n as unknown as number), { instanceOf: TypeError });
  t.throws(() => dv.setFloat32(0, 1n as unknown as number), { instanceOf: TypeError });
  t.throws(() => dv.setFloat64(1n as unknown as number, 1), { instanceOf: TypeError });
});
