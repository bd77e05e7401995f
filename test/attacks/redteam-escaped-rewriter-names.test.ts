// Attack (red team): shadow the rewrite's own identifiers. evaluator.ts picks a prefix (`$pf`) that
// occurs nowhere in the source text, and, when the text has a backslash, checks escaped spellings
// only among referenced names and *top-level* declarations. A nested declaration spelled with an
// escape (`var \u0024pfG`, a parameter `\u0024pfR`, a block `let \u0024pfC`) is neither: it shadows
// the global object, the helpers or the completion temporary for the code in its scope, so free
// names read the guest's object, unbound names stop throwing, and completion values are lost.
// (Guest code only fools itself, but the rewrite's invariant — "identifiers chosen to occur nowhere
// in the source" — is broken, and code that relies on ReferenceError for unbound names is misled.)
//
// Safe behaviour: as native; free names always mean the compartment's globals.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

test('redteam-escaped-rewriter-names: a nested `var \\u0024pfG` does not replace the global object', t => {
  const c = new Compartment({ __options__: true, globals: { x: 'global' } });
  t.is(c.evaluate('(function () { var \\u0024pfG = { x: "shadow" }; return x; })()'), 'global');
  t.is(c.evaluate('((\\u0024pf1G) => typeof Array)({})'), 'function', 'a bumped prefix is not shadowed either');
});

test('redteam-escaped-rewriter-names: a parameter `\\u0024pfR` does not replace the helpers', t => {
  const c = new Compartment();
  const src = '(function (\\u0024pfR) { try { return nope; } catch (e) { return e instanceof ReferenceError; } })({ ref: () => "fake" })';
  t.is(c.evaluate(src), true);
});

test('redteam-escaped-rewriter-names: a block `let \\u0024pfC` does not swallow the completion value', t => {
  const c = new Compartment();
  t.is(c.evaluate('{ let \\u0024pfC; 5 }'), 5);
  t.is(c.evaluate('{ let \\u0024pfC; 5 } var z;'), 5);
});

test('redteam-escaped-rewriter-names: escaped names that are referenced or top level are already handled (regression)', t => {
  const c = new Compartment();
  t.is(c.evaluate('typeof \\u0024pfG'), 'undefined');
  t.is(c.evaluate('typeof $pfG + typeof $pfR + typeof $pfL + typeof $pfW'), 'undefinedundefinedundefinedundefined');
  t.is(c.evaluate('let \\u0024pfG = 1; \\u0024pfG + 1'), 2);
  t.is(c.evaluate('var \\u0024pfC = 3; 4'), 4);
});
