// overrideTaming 'severe': every data property of Object.prototype, Map/Set/TypedArray prototypes.
import test from 'ava';
import { lockdown } from '../src/index.js';

lockdown({ overrideTaming: 'severe' });

test('override-mistake (severe): Map.prototype.get and Object.prototype.hasOwnProperty can be overridden on heirs', t => {
  const m: any = new Map();
  m.get = () => 'mine';
  t.is(m.get(), 'mine');
  const o: any = {};
  o.hasOwnProperty = () => 'mine';
  t.is(o.hasOwnProperty(), 'mine'); // eslint-disable-line no-prototype-builtins
});
