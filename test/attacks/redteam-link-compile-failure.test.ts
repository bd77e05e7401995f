// Attack (red team): a module rejected when it is compiled leaves its graph half-linked. A
// ModuleSource's analysis is made while parsing (parse-source.ts); its text is walked and rewritten
// only when a compartment links it, and compiling can still reject it there: the compiler's check
// that its walk agrees with the ModuleSource's facts (evaluator.ts rewrite()), the engine's own
// limits (here: more call arguments than V8 accepts, which acorn parses), or running out of stack.
// linkGraph compiled and started each module in turn, marking it linked, so when `dep` was
// rejected, `main` (which imports it) stayed linked: `compartment.module('main')` then handed out
// main's functions, whose code ran although main's graph never linked, and every later import of
// main or dep failed with an internal TypeError ("Cannot read properties of undefined") instead of
// the module's SyntaxError. A failure caused by the caller's stack depth stayed in the graph too.
//
// Safe behaviour: a module rejected while linking leaves the whole graph unlinked, as a link error
// does (ECMA-262 Link(): every module of the failed stack goes back to unlinked); nothing of it is
// reachable, and importing it again reports the same SyntaxError.
import test from 'ava';
import { Compartment, ModuleSource, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

// Accepted by the analysis (acorn has no limit on call arguments), rejected by V8 when compiled.
const TOO_MANY_ARGUMENTS = `export const v = 1; const g = () => 0; g(${'0,'.repeat(70000)}0);`;

const graph = (): Compartment =>
  new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      main: new ModuleSource(`import { v } from 'dep'; export function f() { return 'main.f ran: ' + typeof v; }`),
      dep: new ModuleSource(TOO_MANY_ARGUMENTS),
    },
  });

test('redteam-link-compile-failure: a compile-time rejection leaves the whole graph unlinked', async t => {
  const c = graph();
  await t.throwsAsync(() => c.import('main'), { instanceOf: SyntaxError, message: /could not be compiled/ });
  // main never linked: its namespace is not usable, its code never runs.
  const ns = c.module('main') as { f?: () => string };
  t.throws(() => ns.f!(), { instanceOf: ReferenceError }, 'the code of a module whose graph failed to link ran');
  // And the failure is the module's own, every time, for every module of the graph.
  await t.throwsAsync(() => c.import('main'), { instanceOf: SyntaxError, message: /could not be compiled/ });
  await t.throwsAsync(() => c.import('dep'), { instanceOf: SyntaxError, message: /could not be compiled/ });
});

test('redteam-link-compile-failure: importNow, the same', t => {
  const c = graph();
  t.throws(() => c.importNow('main'), { instanceOf: SyntaxError, message: /could not be compiled/ });
  t.throws(() => c.importNow('main'), { instanceOf: SyntaxError, message: /could not be compiled/ });
});

test('redteam-link-compile-failure: the modules of a graph that failed link and run once fixed', async t => {
  // The rejected module is a dependency of two roots: the first failure must not break the other.
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      a: new ModuleSource(`import 'bad'; export const a = 1;`),
      b: new ModuleSource(`export const b = 2;`),
      bad: new ModuleSource(TOO_MANY_ARGUMENTS),
      main: new ModuleSource(`import { b } from 'b'; export const m = b + 1;`),
    },
  });
  await t.throwsAsync(() => c.import('a'), { instanceOf: SyntaxError });
  t.is(((await c.import('main')) as unknown as { m: number }).m, 3);
});
