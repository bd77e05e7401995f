// Attack: two parties that share only the Error constructor try to communicate through its V8
// state: stackTraceLimit, prepareStackTrace, captureStackTrace, or (newer V8) the shared `stack`
// accessor functions. Runs under lockdown() with default options.
import test from 'ava';
import { lockdown } from '../src/index.js';
import { getIntrinsics } from '../src/lockdown/lockdown.js';
import { assertAllReachableFrozen } from './_lockdown-roots.js';
import { makeGuest } from './_guest.js';
import { childJson } from './_child.js';

const FeralError = Error as any;
lockdown({ reporting: 'none' });
const tamed = getIntrinsics() as any;
const SharedError = tamed['%SharedError%'];
const getStackString = tamed['%InitialGetStackString%'];
const guest = makeGuest(SharedError);

// Lockdown hardens %SharedError%; without lockdown, this stands in for harden (see ./_guest.ts).
const freezeWithAccessors = (o: object) => {
  for (const desc of Object.values(Object.getOwnPropertyDescriptors(o))) {
    for (const f of [desc.value, desc.get, desc.set]) if (typeof f === 'function' && f !== o) Object.freeze(f);
  }
  Object.freeze(o);
};
freezeWithAccessors(SharedError);

// The sender encodes a number in every piece of Error state it can write.
const send = `
  const put = f => { try { f(); } catch {} };
  put(() => { Error.stackTraceLimit = secret; });
  put(() => { Error.prepareStackTrace = () => 'msg' + secret; });
  put(() => { Object.defineProperty(Error, 'stackTraceLimit', { value: secret }); });
  const accessor = Object.getOwnPropertyDescriptor(new Error('x'), 'stack');
  put(() => { accessor.get.secret = secret; });
  put(() => { accessor.set.secret = secret; });
  put(() => { Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit').get.secret = secret; });
`;
// The receiver reads everything back.
const receive = `
  const deep = () => new Error('probe');
  const accessor = Object.getOwnPropertyDescriptor(new Error('y'), 'stack');
  return {
    limit: Error.stackTraceLimit,
    prepare: typeof Error.prepareStackTrace,
    stack: deep().stack,
    getterTag: accessor?.get?.secret,
    setterTag: accessor?.set?.secret,
    limitGetterTag: Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit').get.secret,
  };
`;

test('stacktracelimit-channel: what one party writes, another cannot read', t => {
  const before = guest(receive);
  guest(send, { secret: 3 });
  const after = guest(receive);
  t.deepEqual(after, before);
  t.is(after.limit, undefined);
  t.is(after.prepare, 'undefined');
  t.is(after.stack, '');
  t.is(after.getterTag, undefined);
  t.is(after.setterTag, undefined);
  t.is(after.limitGetterTag, undefined);
});

test("stacktracelimit-channel: the guests' writes do not reach the host's limit or the host's view", t => {
  const limit = FeralError.stackTraceLimit;
  const count = () => getStackString(guest('return new Error("count")')).split('\n    at ').length;
  const framesBefore = count();
  guest(send, { secret: 1 });
  t.is(FeralError.stackTraceLimit, limit);
  t.is(count(), framesBefore);
});

test("stacktracelimit-channel: under 'unsafe' (child process) a sender cannot shorten others' stacks", t => {
  const r = childJson(`
    import { tameError } from 'SRC/lockdown/tame-error.js';
    const S = tameError('unsafe', 'verbose')['%SharedError%'];
    const fz = ${freezeWithAccessors.toString()};
    fz(S);
    const g = (src, secret) => new Function('Error', 'secret', src)(S, secret);
    const before = g(${JSON.stringify(receive)});
    g(${JSON.stringify(send)}, 1);
    const after = g(${JSON.stringify(receive)});
    console.log(JSON.stringify({ before: before.stack.split('\\n').length, after: after.stack.split('\\n').length, limit: after.limit }));
  `);
  t.true(r.before > 2);
  t.is(r.after, r.before);
  t.is(r.limit, undefined);
});

test('the realm stays fully frozen after these attacks', t => {
  assertAllReachableFrozen(t);
});
