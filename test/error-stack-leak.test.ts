// Attack: a guest reads `.stack` of errors (its own, thrown by the engine, thrown by host
// functions it was given) to learn host file paths and the frames of code that called it.
// Runs under lockdown() with default options.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { lockdown } from '../src/index.js';
import { getIntrinsics } from '../src/lockdown/lockdown.js';
import { assertAllReachableFrozen } from './_lockdown-roots.js';
import { makeGuest, revealsFrames } from './_guest.js';
import { childJson } from './_child.js';

lockdown({ reporting: 'none' });
const tamed = getIntrinsics() as any;
const SharedError = tamed['%SharedError%'];
const getStackString = tamed['%InitialGetStackString%'];
const guest = makeGuest(SharedError);

// Host functions a guest might be given, each of which throws from host code.
const hostPowers = {
  readMissing: () => readFileSync('/nonexistent/permafrost/secret-path.txt'),
  parseUrl: () => new URL('not a url'),
  badBuffer: () => Buffer.from(Symbol('s') as any),
  hostThrows: function secretHostFunction() {
    throw new Error('from the host');
  },
  callBack: (fn: () => void) => fn(),
};

const guestProbes = `
  const out = {};
  const grab = (name, f) => { try { f(); out[name] = 'no throw'; } catch (e) { out[name] = e; } };
  grab('own', () => { throw new Error('mine'); });
  grab('null', () => null.x);
  grab('notAFunction', () => undefined());
  grab('json', () => JSON.parse('{'));
  grab('range', () => new Array(-1));
  grab('overflow', () => { const f = () => f() + 1; f(); });
  grab('typeErrorCtor', () => { throw new TypeError('t'); });
  grab('readMissing', readMissing);
  grab('parseUrl', parseUrl);
  grab('badBuffer', badBuffer);
  grab('hostThrows', hostThrows);
  grab('throughHost', () => callBack(() => { throw new Error('via host frame'); }));
  const holder = {};
  Error.captureStackTrace(holder);
  out.captured = holder;
  return out;
`;

test('error-stack-leak: no error a guest can obtain shows a frame or a path in .stack', t => {
  const caught: Record<string, any> = guest(guestProbes, hostPowers);
  for (const [name, error] of Object.entries(caught)) {
    t.not(error, 'no throw', name);
    t.is(error.stack, '', name);
    t.false(revealsFrames(error.stack), name);
  }
});

test('error-stack-leak: reading through the own accessor, or String(), reveals nothing either', t => {
  const caught: Record<string, any> = guest(guestProbes, hostPowers);
  for (const [name, error] of Object.entries(caught)) {
    const desc = Object.getOwnPropertyDescriptor(error, 'stack');
    if (desc?.get) t.is(desc.get.call(error), '', name);
    // (readMissing's message names the path the caller itself gave: that is not a leak.)
    if (name !== 'captured' && name !== 'readMissing') t.false(revealsFrames(String(error)), name);
  }
});

test('error-stack-leak: async errors and rejections reveal nothing', async t => {
  const rejected = await guest(`
    const inner = async () => { await null; throw new Error('later'); };
    return inner().catch(e => e);
  `);
  t.is(rejected.stack, '');
});

test('error-stack-leak: the host still gets the frames, through %InitialGetStackString% only', t => {
  const caught: Record<string, any> = guest(guestProbes, hostPowers);
  t.true(getStackString(caught['hostThrows']).includes('secretHostFunction'));
  t.true(getStackString(caught['throughHost']).includes('error-stack-leak.test.js'));
});

test("error-stack-leak: under 'unsafe' (child process) stacks are visible, as documented", t => {
  const r = childJson(`
    import { tameError } from 'SRC/lockdown/tame-error.js';
    const S = tameError('unsafe', 'concise')['%SharedError%'];
    console.log(JSON.stringify(new Function('Error', 'return new Error("x").stack')(S)));
  `);
  t.true(revealsFrames(r));
});

test('the realm stays fully frozen after these attacks', t => {
  assertAllReachableFrozen(t);
});
