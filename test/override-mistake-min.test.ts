// overrideTaming 'min': only the few properties tools assign are override-enabled.
import test from 'ava';
import { lockdown } from '../src/index.js';

lockdown({ overrideTaming: 'min' });

test('override-mistake (min): toString overrides work, push overrides fail', t => {
  const o: any = {};
  o.toString = () => 'mine';
  t.is(String(o), 'mine');
  const a: any = [];
  t.throws(() => {
    a.push = () => 0;
  }, { instanceOf: TypeError });
});
