// Compatibility with ses 2.3 (a devDependency for comparison only): the same Compartment scenarios
// under both, each in its own process. Where we intend to match ses, the test asserts equality;
// every deliberate difference is listed here with its reason and logged.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { scenarios } from './fixtures/compartment-scenarios.js';

const fixture = fileURLToPath(new URL('./fixtures/compartment-scenarios.js', import.meta.url));
const run = (which: string, TZ: string) =>
  JSON.parse(execFileSync(process.execPath, [fixture, which], { encoding: 'utf8', env: { ...process.env, TZ } }).trim().split('\n').pop()!);

/** Deliberate differences, with the reason. */
const differences: Record<string, string> = {
  'reading an unbound name': 'we throw ReferenceError as native strict code does; ses returns undefined',
  'local time is the host zone (ses) or UTC': 'ses leaks the host time zone through local-time Date methods; ours are UTC',
  'import() in a string is fine': 'ses rejects the text "import(" anywhere, even in strings; we decide by parsing',
  'HTML comment in a string is fine': 'ses rejects "<!--" anywhere, even in strings; we decide by parsing',
  'eval( in a comment is fine': 'ses rejects some eval( texts by regex; we decide by parsing',
  'eval is the compartment eval':
    'ses rejects source text that looks like a direct eval call (its regex cannot tell); guests get the compartment eval',
};

test('compat: Compartment scenarios match ses except for the documented differences', t => {
  const ours = run('permafrost', 'America/New_York');
  const ses = run('ses', 'America/New_York');
  t.is(Object.keys(ours).length, scenarios.length);
  t.is(Object.keys(ses).length, scenarios.length);
  for (const [name] of scenarios) {
    if (Object.hasOwn(differences, name)) {
      t.log(`differs: ${name}: ours ${JSON.stringify(ours[name])}, ses ${JSON.stringify(ses[name])} (${differences[name]})`);
      continue;
    }
    t.deepEqual(ours[name], ses[name], name);
  }
});
