// Attack: read the bits of a NaN through DataView to learn which CPU, engine tier or operation
// produced it (a host-dependent result), or to smuggle bits through NaN payloads.
import test from 'ava';
import { lockdown } from '../src/index.js';

const payloadNaN = (): number => {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setUint32(0, 0x7ff00000);
  dv.setUint32(4, 0x00000abc); // a NaN with a payload
  return dv.getFloat64(0);
};
const bitsWritten = (value: number, method: 'setFloat64' | 'setFloat32'): string => {
  const dv = new DataView(new ArrayBuffer(8));
  dv[method](0, value);
  return Array.from(new Uint8Array(dv.buffer), b => b.toString(16).padStart(2, '0')).join('');
};

// Before lockdown the payload survives a round trip on this engine: the channel is real.
const before = bitsWritten(payloadNaN(), 'setFloat64');
lockdown();

test('nan-bits-channel: the channel exists before lockdown (so this test can fail)', t => {
  t.not(before, '7ff8000000000000');
});

test('nan-bits-channel: setFloat64/setFloat32 write the canonical NaN after lockdown', t => {
  t.is(bitsWritten(payloadNaN(), 'setFloat64'), '7ff8000000000000');
  t.is(bitsWritten(-payloadNaN(), 'setFloat64'), '7ff8000000000000');
  t.is(bitsWritten(0 / 0, 'setFloat64'), '7ff8000000000000');
  t.is(bitsWritten(payloadNaN(), 'setFloat32').slice(0, 8), '7fc00000');
});

test('nan-bits-channel: ordinary numbers, signed zeros and little-endian writes are unchanged', t => {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, -0);
  t.true(Object.is(dv.getFloat64(0), -0));
  dv.setFloat64(0, 1.5, true);
  t.is(dv.getFloat64(0, true), 1.5);
  dv.setFloat32(4, 2.5);
  t.is(dv.getFloat32(4), 2.5);
});

test('nan-bits-channel: the tamed setters keep the spec coercion order and errors', t => {
  const log: string[] = [];
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64({ valueOf: () => (log.push('offset'), 0) } as any, { valueOf: () => (log.push('value'), 1) } as any);
  t.deepEqual(log, ['offset', 'value']);
  t.throws(() => DataView.prototype.setFloat64.call({} as any, 0, 0), { instanceOf: TypeError });
  t.throws(() => dv.setFloat64(-1, 0), { instanceOf: RangeError });
  t.throws(() => dv.setFloat64(8, 0), { instanceOf: RangeError });
  t.is(DataView.prototype.setFloat64.length, 2);
  t.is(DataView.prototype.setFloat64.name, 'setFloat64');
  t.throws(() => new (DataView.prototype.setFloat64 as any)(0, 0), { instanceOf: TypeError });
});

test('nan-bits-channel: Float32Array and Float64Array are host-only (not in the shared globals)', async t => {
  const { universalGlobals, initialGlobals } = await import('../whitelist/permits.js');
  t.false('Float64Array' in universalGlobals);
  t.false('Float32Array' in universalGlobals);
  t.true('Float64Array' in initialGlobals);
});
