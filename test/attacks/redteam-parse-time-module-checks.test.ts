// Attacks (red team) on a ModuleSource's checks made while acorn parses (parse-source.ts: the
// finishNode and readToken_lt_gt hooks) that held. The loader trusts those facts (top-level await,
// import.meta, import()), the compiled code follows the compiler's own walk (analyze-scopes.ts), and
// evaluator.ts rewrite() fails closed when they differ. Probed: `await` in arrow parameters and
// async arrows acorn parses as call arguments first, class heritage, computed keys, field
// initializers and static blocks, `for await` heads, `await using` in blocks, labels and switch
// cases, `import.meta` and `import()` in parameters and patterns, `<!--` across tokens and inside
// template substitutions; and the parse-time state (`moduleChecks`) after failed parses, at the stack
// limit, and the analysis cache's two module tags in either order. Each test asserts the safe
// outcome, and fails if the weakness it probes appears.
import test from 'ava';
import { Compartment, ModuleSource, lockdown } from '../../src/index.js';
import { analyzeModuleSource, analyzeSource, resetSourceAnalysisCache } from '../../src/compartment/analyze-source.js';
import { compileModule } from '../../src/compartment/evaluator.js';

lockdown({ reporting: 'none' });

/** [module text, has top-level await, uses import.meta, uses import()] */
const ACCEPTED: readonly (readonly [string, boolean, boolean, boolean])[] = [
  ['async(await x)', true, false, false],
  ['async\n(await x)', true, false, false],
  ['(await x)', true, false, false],
  ['async (x) => x; await 1', true, false, false],
  ['await (async (x) => x)', true, false, false],
  ['class A extends (await x) {}', true, false, false],
  ['class A { [await x] = 1 }', true, false, false],
  ['class A { static async *[await x]() {} }', true, false, false],
  ['({ get [await x]() {} })', true, false, false],
  ['var { [await x]: y } = z', true, false, false],
  ['({ a = await x } = {})', true, false, false],
  ['[(await x).y] = z', true, false, false],
  ['export default class { [await x] = 1 }', true, false, false],
  ['l: for await (x of y);', true, false, false],
  ['for await (const x of y);', true, false, false],
  ['for (await using x of y);', true, false, false],
  ['l: { await using x = y }', true, false, false],
  ['switch (1) { case 1: { await using x = y } }', true, false, false],
  ['await\nusing\nx = y', true, false, false],
  ['`${await x}`', true, false, false],
  ['x?.[await y]', true, false, false],
  ['class A { static { (async () => await 1)() } }', false, false, false],
  ['class A { x = async () => { for await (x of y); } }', false, false, false],
  ['async (a = async () => { await using x = y }) => a', false, false, false],
  ['async () => { await using x = y }', false, false, false],
  ['export async function f() { for await (x of y); }', false, false, false],
  ['async (a = import.meta) => a', false, true, false],
  ['({ [import.meta.url]: a }) => a', false, true, false],
  ['[a = import.meta] = []', false, true, false],
  ['tag`${import.meta}`', false, true, false],
  ['async (a = import("x")) => a', false, false, true],
  ['({ [import("x")]: a } = {})', false, false, true],
  ['class A { static { import("x") } }', false, false, true],
  ['a <!\n--b', false, false, false],
  ['a < !--b', false, false, false],
  ['a <<!--b', false, false, false],
];

test('redteam-parse-time-module-checks: the facts found while parsing are the walk\'s, and the module compiles', t => {
  for (const [text, tla, meta, dynamic] of ACCEPTED) {
    const source = new ModuleSource(text);
    t.is(source.hasTopLevelAwait, tla, `hasTopLevelAwait of ${JSON.stringify(text)}`);
    t.is(source.needsImportMeta, meta, `needsImportMeta of ${JSON.stringify(text)}`);
    t.is(analyzeModuleSource(text).usesDynamicImport, dynamic, `usesDynamicImport of ${JSON.stringify(text)}`);
    // The full analysis (the scope walk) gives the same record.
    const walked = analyzeSource(text, 'module').moduleRecord!;
    t.deepEqual([walked.hasTopLevelAwait, walked.usesImportMeta, walked.usesDynamicImport], [tla, meta, dynamic], text);
    // And the compiler's walk agrees (else rewrite() throws "could not be compiled consistently").
    try {
      compileModule({}, text);
    } catch (error) {
      // (The engine may not support `await using` yet: that is its own, later failure.)
      t.notRegex((error as Error).message, /consistently/, text);
      t.regex(text, /await using/, `${text}: ${(error as Error).message}`);
    }
  }
});

const REJECTED: readonly string[] = [
  'async (a = await x) => 1',
  '(a = await x) => a',
  'async ({ [await x]: y }) => y',
  '({ a = await x }) => a',
  'export default (await x) => 1',
  'async function f(a = await x) {}',
  'class A { x = await 1 }',
  'class A { static x = await y }',
  'class A { static { await 1 } }',
  'class A { static { await using x = y } }',
  'class A { static { for await (x of y); } }',
  'new.target',
  'a <!--b',
  'a<!--b',
  '`${a<!--b}`',
  'if (a <!--b) ;',
  'a\n<!--b',
  'import.source("x")',
];

test('redteam-parse-time-module-checks: what must not be a module is rejected by the ModuleSource', t => {
  for (const text of REJECTED) {
    t.throws(() => new ModuleSource(text), { instanceOf: SyntaxError }, text);
  }
});

test('redteam-parse-time-module-checks: a failed parse leaves nothing for the next one', t => {
  // Each fails after its checks have noted import.meta, await, import() or `<!--`.
  const failing = ['import.meta; await x; import("y"); (', 'a <!--b; await 1; }', 'await x; class A { static { await 1 } }'];
  for (const text of failing) {
    t.throws(() => new ModuleSource(text), { instanceOf: SyntaxError });
    const clean = new ModuleSource(`export const n = ${JSON.stringify(text)};`);
    t.false(clean.hasTopLevelAwait, text);
    t.false(clean.needsImportMeta, text);
    t.is(analyzeModuleSource(`export const n = ${JSON.stringify(text)};`).usesDynamicImport, false);
  }
});

test('redteam-parse-time-module-checks: running out of stack while parsing leaves nothing behind', async t => {
  // The text awaits and reads import.meta before its deep nesting: made at the stack limit, the
  // parse stops inside it. Neither that failure nor its half-made checks may be kept.
  const deep = (k: number): string => `await 1; import.meta; export const v = ${'['.repeat(k)}${k}${']'.repeat(k)};`;
  let failed = 0;
  const dive = (n: number): void => {
    try {
      dive(n + 1);
    } catch {
      // (the stack limit: try the parse from here on up)
    }
    if (failed > 0) return;
    try {
      new ModuleSource(deep(300));
    } catch (error) {
      if (error instanceof RangeError) failed += 1;
    }
  };
  dive(0);
  t.true(failed > 0, 'no parse ran out of stack: the test did not probe anything');
  const clean = new ModuleSource('export const a = 1;');
  t.false(clean.hasTopLevelAwait);
  t.false(clean.needsImportMeta);
  const again = new ModuleSource(deep(300));
  t.true(again.hasTopLevelAwait);
  t.true(again.needsImportMeta);
  const c = new Compartment({ __options__: true, __noNamespaceBox__: true, modules: { m: again } });
  const ns = (await c.import('m')) as unknown as { v: unknown };
  t.true(Array.isArray(ns.v));
});

test('redteam-parse-time-module-checks: the two module analyses agree in either order (no cache channel)', t => {
  const texts = ['await x; import.meta; import("y")', 'export default class { [await x] = 1 }', 'a <!--b', 'class A { x = await 1 }'];
  const outcome = (run: () => unknown): string => {
    try {
      const r = run() as { hasTopLevelAwait: boolean; usesImportMeta: boolean; usesDynamicImport: boolean };
      return JSON.stringify([r.hasTopLevelAwait, r.usesImportMeta, r.usesDynamicImport]);
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  };
  for (const text of texts) {
    resetSourceAnalysisCache();
    const checksFirst = outcome(() => analyzeModuleSource(text));
    const walkSecond = outcome(() => analyzeSource(text, 'module').moduleRecord);
    resetSourceAnalysisCache();
    const walkFirst = outcome(() => analyzeSource(text, 'module').moduleRecord);
    const checksSecond = outcome(() => analyzeModuleSource(text));
    t.is(checksFirst, checksSecond, text);
    t.is(walkFirst, walkSecond, text);
    t.is(checksFirst, walkFirst, text);
  }
});
