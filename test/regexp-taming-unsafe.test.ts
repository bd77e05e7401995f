// Option regExpTaming: 'unsafe' keeps RegExp.prototype.compile; legacy statics are still removed.
import test from 'ava';
import { lockdown } from '../src/index.js';

lockdown({ regExpTaming: 'unsafe' });

test('regExpTaming unsafe keeps compile but never the legacy statics', t => {
  t.is(typeof (RegExp.prototype as any).compile, 'function');
  t.false(Object.hasOwn(RegExp, '$1'));
});
