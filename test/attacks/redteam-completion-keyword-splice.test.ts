// Attack (red team): make the completion-value edits (completion.ts) splice into the tokens around
// them. `C = (` (the temporary is `$pfC`) is inserted right at the start of a nested expression
// statement; after `else` or `do` with no space (`else(x)`, `do(x);while(0)`), the keyword and the
// temporary become one identifier, `else$pfC`: the `else` branch is no longer a branch, it runs
// unconditionally (then throws ReferenceError at the terminator). And the `;` that source-edits.ts
// writes after an ASI-terminated statement lands after the `}` that completion.ts closes around a
// loop in an `if` branch, detaching the `else`: valid code is rejected.
//
// Safe behaviour: top-level scripts mean what they mean natively.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

test('redteam-completion-keyword-splice: `else(…)` at top level does not run the else branch', t => {
  const c = new Compartment();
  c.globalThis.log = [];
  let result: unknown;
  t.notThrows(() => {
    result = c.evaluate(`if (true) log.push('then'); else(log.push('else'));`);
  });
  t.deepEqual([...c.globalThis.log], ['then'], 'the else branch ran although the condition was true');
  t.is(result, 1);
});

test('redteam-completion-keyword-splice: other statements glued to `else` (`[`, `!`, string, template)', t => {
  const c = new Compartment();
  for (const alt of ["['else']", "!'else'", "'else'", '`else`', '-1']) {
    t.is(c.evaluate(`if (true) 'then'; else${alt};`), 'then', alt);
  }
});

test('redteam-completion-keyword-splice: `do(…);while(…)` at top level is a do-while', t => {
  const c = new Compartment();
  c.globalThis.n = 0;
  let result: unknown;
  t.notThrows(() => {
    result = c.evaluate('do(n += 1);while(n < 3);');
  });
  t.is(c.globalThis.n, 3);
  t.is(result, 3);
});

test('redteam-completion-keyword-splice: a loop ended by ASI in an `if` branch keeps its `else`', t => {
  const c = new Compartment();
  t.is(c.evaluate('if (false) while (false) 1\nelse 2'), 2);
  t.is(c.evaluate('if (true) for (const x of [7]) x\nelse 2'), 7);
});

test('redteam-completion-keyword-splice: with a space, or inside functions, it already works (regression)', t => {
  const c = new Compartment();
  t.is(c.evaluate(`if (true) 'then'; else ('else');`), 'then');
  t.is(c.evaluate(`(function () { let r = 'then'; if (true) r; else(r = 'else'); return r; })()`), 'then');
  t.is(c.evaluate('if (false) while (false) 1;\nelse 2'), 2);
});
