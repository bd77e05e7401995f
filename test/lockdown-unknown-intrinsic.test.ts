// Integration: a newer engine adds intrinsics the whitelist does not know yet (ses issues 1767,
// 1971). lockdown() must not fail on them: it removes each one and reports it. Simulated here with
// properties that no engine has, and observed for real when .ci/node-matrix runs this on Node 22
// and 24: what the engine had beyond the whitelist is logged.
import test from 'ava';
import { lockdown } from '../src/index.js';
import { assertAllReachableFrozen } from './_lockdown-roots.js';

const reports: string[] = [];
const original = globalThis.console;
const record = (...args: unknown[]): void => {
  reports.push(args.join(' '));
};
const recorder = { warn: record, error: record, groupCollapsed: record, groupEnd: () => {} };
Object.defineProperty(Array.prototype, 'pfFutureMethod', { value: function pfFutureMethod() {}, writable: true, configurable: true });
Object.defineProperty(Math, 'pfFutureConstant', { value: 1, writable: false, configurable: true });
Object.defineProperty(Promise, Symbol.for('pfFutureSymbol'), { value: () => 0, writable: true, configurable: true });
let thrown: unknown;
globalThis.console = recorder as unknown as Console;
try {
  lockdown({ reporting: 'console', consoleTaming: 'unsafe', errorTrapping: 'none', unhandledRejectionTrapping: 'none' });
} catch (error) {
  thrown = error;
} finally {
  globalThis.console = original;
}

test('lockdown succeeds over intrinsics it does not know', t => {
  t.is(thrown, undefined);
  t.true(Object.isFrozen(Array.prototype));
});

test('each unknown intrinsic is removed', t => {
  t.false('pfFutureMethod' in Array.prototype);
  t.false('pfFutureConstant' in Math);
  t.false(Symbol.for('pfFutureSymbol') in Promise);
});

test('each removal is reported, by path', t => {
  t.true(reports.some(line => line.includes('removing properties not on the whitelist')), reports.join('\n'));
  for (const path of ['%ArrayPrototype%.pfFutureMethod', '%InitialMath%.pfFutureConstant', '%Promise%[@@for(pfFutureSymbol)]']) {
    t.true(reports.some(line => line.includes(`removed ${path}`)), `${path} in:\n${reports.join('\n')}`);
  }
  // What this engine itself had beyond the whitelist (the matrix run shows it per Node version).
  const own = reports.filter(line => line.includes('removed ') && !line.includes('pfFuture'));
  t.log(`Node ${process.version}: ${own.length} engine properties removed${own.length ? `: ${own.map(l => l.trim().replace('removed ', '')).join(', ')}` : ''}`);
});

test('everything reachable is frozen afterwards', t => {
  t.true(assertAllReachableFrozen(t) > 100);
});
