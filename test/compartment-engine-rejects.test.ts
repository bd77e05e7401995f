// What the engine refuses to compile after the analysis accepted it (here: more call arguments than
// V8 allows, which acorn does not limit) fails with a SyntaxError that names the API used and gives
// the engine's reason, without any of the rewrite's marker text.
import test from 'ava';
import { Compartment, ModuleSource, lockdown } from '../src/index.js';
import { markerKey } from '../src/compartment/source-markers.js';

lockdown({ reporting: 'none' });

const CALL = `f(${'0,'.repeat(65536)}0)`;
const ENGINE_REASON = /could not be compiled \(.*[Tt]oo many arguments.*\) \(PF_SYNTAX_ERROR\)$/;

test('evaluate: the API and the engine\'s reason', t => {
  const c = new Compartment({ __options__: true, globals: { f: () => 1 } });
  const error = t.throws(() => c.evaluate(`x = 1; ${CALL}`), { instanceOf: SyntaxError });
  t.regex(error.message, /^Compartment\.evaluate\(\): /);
  t.regex(error.message, ENGINE_REASON);
  t.false(error.message.includes(markerKey()));
});

test('Function: named as such', t => {
  const c = new Compartment();
  const error = t.throws(() => new c.globalThis.Function('f', `return ${CALL}`), { instanceOf: SyntaxError });
  t.regex(error.message, /^Function\(\): /);
  t.regex(error.message, ENGINE_REASON);
});

test('a module: named ModuleSource, when a compartment first links it', async t => {
  const source = new ModuleSource(`const f = () => 1; export const x = ${CALL};`);
  const c = new Compartment({ __options__: true, modules: { m: { source } } });
  const error = await t.throwsAsync(() => c.import('m'), { instanceOf: SyntaxError });
  t.regex(error.message, /ModuleSource: /);
  t.regex(error.message, /[Tt]oo many arguments/);
});
