// Unit: the causal console over a recording host console, then tameConsole's process traps in
// child processes (they exit, abort, or outlive the test). No lockdown.
import test from 'ava';
import { makeCausalConsole, tameConsole } from '../src/lockdown/tame-console.js';
import { runChild } from './_child.js';

const hostConsoleAtLoad = console;
const fakeFrames = '\n    at hiddenFrame (host.js:1:2)';
const record = () => {
  const calls: [string, unknown[]][] = [];
  const base: Record<string, (...args: unknown[]) => void> = {};
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'group', 'groupCollapsed', 'groupEnd', 'count', 'timeLog', 'trace']) {
    base[name] = (...args) => void calls.push([name, args]);
  }
  const text = () => calls.map(([name, args]) => `${name}: ${args.join(' ')}`).join('\n');
  return { calls, text, console: makeCausalConsole(base, () => fakeFrames) };
};

/** An error whose every hook, getter and toString records that it ran. */
const booby = (ran: string[], message = 'boom') => {
  const e: any = new Error(message);
  // `stack` first: on Node 20, redefining it formats the old value, which reads `name`.
  Object.defineProperty(e, 'stack', { get: () => { ran.push('stack getter'); return 'X'; } });
  Object.defineProperty(e, 'name', { get: () => { ran.push('name getter'); return 'X'; } });
  e.toString = () => { ran.push('toString'); return 'X'; };
  e[Symbol.for('nodejs.util.inspect.custom')] = () => { ran.push('inspect hook'); return 'X'; };
  return e;
};

test('errors are printed with their hidden stack, and no guest code runs', t => {
  const ran: string[] = [];
  const { console, text } = record();
  console.log('caught', booby(ran), 'then', booby(ran, 'second'));
  t.deepEqual(ran, []);
  t.is(text(), `log: caught Error: boom${fakeFrames} then Error: second${fakeFrames}`);
});

test('cause chains, non-error causes and AggregateError errors are shown, cycles are cut', t => {
  const { console, text } = record();
  const root = new Error('root', { cause: new TypeError('inner', { cause: { code: 7 } }) });
  console.error(root);
  t.is(
    text(),
    `error: Error: root${fakeFrames}\n  Caused by: TypeError: inner${fakeFrames.replace('\n', '\n  ')}\n    Caused by: { code: 7 }`,
  );
  const { console: c2, text: t2 } = record();
  c2.warn(new AggregateError([new RangeError('r'), 'plain'], 'many'));
  t.is(t2(), `warn: AggregateError: many${fakeFrames}\n  errors[0]: RangeError: r${fakeFrames.replace('\n', '\n  ')}\n  errors[1]: plain`);
  const { console: c3, text: t3 } = record();
  const loop: any = new Error('loop');
  loop.cause = loop;
  c3.error(loop);
  t.is(t3(), `error: Error: loop${fakeFrames}\n  Caused by: [Circular Error: loop]`);
});

test('proxies and inspect hooks in logged values run no guest code', t => {
  const ran: string[] = [];
  const traps = new Proxy({}, { get: (_t, key) => () => void ran.push(`trap ${String(key)}`) });
  const proxy = new Proxy({ a: 1 }, traps);
  const e = new Error('p');
  Object.setPrototypeOf(e, new Proxy(Error.prototype, traps));
  const hooked = { [Symbol.for('nodejs.util.inspect.custom')]: () => void ran.push('hook') };
  const { console, text } = record();
  console.log(proxy, e, hooked, { nested: { cause: proxy } });
  t.deepEqual(ran, []);
  t.true(text().includes(`Error: p${fakeFrames}`));
});

test("a first argument that is an error is not read as a format string; '%' in later text is kept", t => {
  const { console, text } = record();
  console.log(new Error('100%s'));
  console.log(new Error('50%d'), 'x');
  console.log('%s and %d', 'str', 4);
  t.is(text(), `log: Error: 100%s${fakeFrames}\nlog: Error: 50%d${fakeFrames} x\nlog: str and 4`);
});

test('trace, assert, dir, labels and groups', t => {
  const ran: string[] = [];
  const { console, calls } = record();
  console.trace('here', 1);
  console.assert(true, 'not shown');
  console.assert(false, 'failed %d', 2);
  console.assert(0);
  console.dir({ a: 1 }, { customInspect: true } as any);
  console.count({ toString: () => { ran.push('label toString'); return 'L'; } } as any);
  console.group('g');
  console.groupEnd();
  console.timeLog('t', new Error('tl'));
  t.deepEqual(ran, []);
  const [trace, assert1, assert2, dir, count, group, groupEnd, timeLog] = calls;
  t.deepEqual(trace, ['error', [`Trace: here 1${fakeFrames}`]]);
  t.deepEqual(assert1, ['error', ['Assertion failed: failed 2']]);
  t.deepEqual(assert2, ['error', ['Assertion failed']]);
  t.deepEqual(dir, ['log', ['{ a: 1 }']]);
  t.is(count![0], 'count');
  t.is(typeof count![1][0], 'string');
  t.deepEqual(group, ['group', ['g']]);
  t.deepEqual(groupEnd, ['groupEnd', []]);
  t.deepEqual(timeLog, ['timeLog', ['t', `Error: tl${fakeFrames}`]]);
});

test('the causal console is frozen, and works without a host console', t => {
  const { console } = record();
  t.true(Object.isFrozen(console));
  for (const value of Object.values(console)) t.is(typeof value, 'function');
  const silent = makeCausalConsole(undefined);
  t.notThrows(() => silent.log(new Error('nowhere')));
});

test("tameConsole: 'unsafe' keeps the host console, 'safe' wraps it", t => {
  t.is(tameConsole('unsafe', 'none', 'none').console, hostConsoleAtLoad);
  const safe = tameConsole('safe', 'none', 'none').console;
  t.not(safe, hostConsoleAtLoad);
  t.true(Object.isFrozen(safe));
});

const trapScript = (errorTrapping: string, rejections: string, body: string) => `
  import { tameError } from 'SRC/lockdown/tame-error.js';
  import { tameConsole } from 'SRC/lockdown/tame-console.js';
  const tamed = tameError('safe', 'concise');
  tameConsole('safe', '${errorTrapping}', '${rejections}', tamed['%InitialGetStackString%']);
  const S = tamed['%SharedError%'];
  ${body}
`;
const throwLater = `setTimeout(function thrower() { throw new S('uncaught boom'); }, 1);
  setTimeout(() => console.log('still running'), 50);`;

test("errorTrapping 'report' logs the uncaught error with its hidden stack, and keeps running", t => {
  const r = runChild(trapScript('report', 'none', throwLater));
  t.is(r.status, 0);
  t.regex(r.stderr, /PF_UNCAUGHT_EXCEPTION: Error: uncaught boom\n {4}at (Timeout\.)?thrower/);
  t.true(r.stdout.includes('still running'));
});

test("errorTrapping 'platform' and 'exit' log and exit with process.exitCode, else 255", t => {
  for (const mode of ['platform', 'exit']) {
    const r = runChild(trapScript(mode, 'none', throwLater));
    t.is(r.status, 255, mode);
    t.true(r.stderr.includes('PF_UNCAUGHT_EXCEPTION: Error: uncaught boom'), mode);
    t.false(r.stdout.includes('still running'), mode);
  }
  const withCode = runChild(trapScript('exit', 'none', `process.exitCode = 3; ${throwLater}`));
  t.is(withCode.status, 3);
});

test("errorTrapping 'abort' aborts; 'none' leaves Node's own handling", t => {
  // Patched before Permafrost loads (and captures it), so that the test leaves no core dump.
  const patchAbort = `--import=data:text/javascript,process.abort=()=>{console.log('abort called');process.exit(7)}`;
  const aborted = runChild(trapScript('abort', 'none', throwLater), [patchAbort]);
  t.is(aborted.status, 7);
  t.true(aborted.stdout.includes('abort called'));
  const none = runChild(trapScript('none', 'none', throwLater));
  t.is(none.status, 1);
  t.false(none.stderr.includes('PF_UNCAUGHT_EXCEPTION'));
});

test("unhandledRejectionTrapping 'report' reports at exit, not when handled late; 'none' is Node's", t => {
  const reject = `Promise.reject(new S('lost cause'));`;
  const reported = runChild(trapScript('none', 'report', reject));
  t.is(reported.status, 0);
  t.regex(reported.stderr, /PF_UNHANDLED_REJECTION: Error: lost cause\n {4}at /);
  const late = `const p = Promise.reject(new S('late')); setTimeout(() => p.catch(() => {}), 10);`;
  const handled = runChild(trapScript('none', 'report', late));
  t.is(handled.status, 0);
  t.false(handled.stderr.includes('PF_UNHANDLED_REJECTION'));
  const none = runChild(trapScript('none', 'none', reject));
  t.is(none.status, 1);
});

test("unhandledRejectionTrapping 'report' reports a rejection once its promise is collected", t => {
  const body = `
    (() => { Promise.reject(new S('collected')); })();
    setTimeout(() => { globalThis.gc(); setTimeout(() => { console.error('MARK'); }, 100); }, 10);
  `;
  const r = runChild(trapScript('none', 'report', body), ['--expose-gc']);
  t.is(r.status, 0);
  const report = r.stderr.indexOf('PF_UNHANDLED_REJECTION: Error: collected');
  t.true(report >= 0);
  t.true(report < r.stderr.indexOf('MARK'), 'reported before exit');
});
