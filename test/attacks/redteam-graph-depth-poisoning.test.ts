// Attack (red team): stack-depth poisoning through the depth of a module graph. `import()` runs a
// graph from a fresh job, but InnerModuleEvaluation (module-evaluate.ts) recursed once per edge, so
// the stack left when a module's body runs is whatever the importer's graph above it used: a guest
// makes a child Compartment whose importHook gives a chain m0 → m1 → … → m(n-1) → y of n cheap
// virtual modules (loaded a level per job, so loading never recurses), y being `{ namespace: 'y' }`
// (its parent's module, shared from compartment B). By bisection on chains that end in an empty
// module of its own it finds the longest chain that fits, then imports the one ending in y: y's
// evaluation runs out of stack, the whole stack is abandoned with RangeError, and y, which never
// failed on its own, fails forever for B too. The same recursion in GatherAvailableAncestors and
// AsyncModuleExecutionRejected let a guest hang another compartment's import (see
// redteam-async-parent-chain-hang).
//
// Safe behaviour: the evaluator's walks are iterative: a module body runs at the same depth
// whatever the graph above it, so no importer chooses how much stack it has.
import test from 'ava';
import { ModuleSource, lockdown } from '../../src/index.js';
import { assertVictimRuns, depthAttacker, depthVictim } from './_stack-and-host.js';

lockdown({ reporting: 'none' });

const attacker = `
  const chain = (n, last) => new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    importHook: async s => {
      if (s === 'y') return { namespace: 'y' };
      if (s === 'leaf') return { imports: [], exports: [], execute() {} };
      const i = Number(s.slice(1));
      return { imports: [i + 1 < n ? 'm' + (i + 1) : last], exports: [], execute() {} };
    },
  });
  const fits = async n => { try { await chain(n, 'leaf').import('m0'); return true; } catch { return false; } };
  let lo = 1;
  let hi = 1;
  while (await fits(hi)) { lo = hi; hi *= 2; if (hi >= 16384) break; }
  while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (await fits(mid)) lo = mid; else hi = mid; }
  export const longest = lo;
  export const outcome = await chain(lo, 'y').import('m0').then(() => 'ran', e => 'failed: ' + e.message);
`;

test('redteam-graph-depth-poisoning: a deep importer graph does not choose the stack a shared module runs with', async t => {
  const B = depthVictim();
  const A = depthAttacker(B, new ModuleSource(attacker));
  const main = (await A.import('main')) as { longest: number; outcome: string };
  t.log(main.longest, main.outcome);
  await assertVictimRuns(t, B, "B's module ran at a depth a guest of A chose");
});
