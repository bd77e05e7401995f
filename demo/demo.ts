// `npm run demo`: locks down this realm, runs real third-party code (acorn, the parser we ship
// with) to show it still works, then runs a hostile plugin and prints what was blocked.
import * as acorn from 'acorn';
import { harden, lockdown } from '../src/index.js';

const hostSecret = /token=(\w+)/.exec('token=hunter2')?.[1];
lockdown({ reporting: 'none' });
console.log(`lockdown() done: ${Object.isFrozen(Object.prototype) ? 'shared primordials are frozen' : 'NOT FROZEN'}`);

// Real code keeps working after lockdown.
const ast = acorn.parse('const answer = 6 * 7;', { ecmaVersion: 'latest' });
console.log(`acorn still works after lockdown: parsed ${ast.body.length} statement(s) of type ${ast.body[0]!.type}`);

// harden() a capability before handing it out.
const config = harden({ endpoints: ['https://example.test'], retries: { max: 3 } });
console.log(`harden(): config.retries frozen = ${Object.isFrozen(config.retries)}`);

// A hostile plugin tries its tricks.
const { attacks } = await import('./untrusted-plugin.js');
// What each attack obtains when it is blocked without throwing: nothing, or a frameless stack.
const harmless = (result: unknown): boolean =>
  result === undefined || (typeof result === 'string' && !result.includes(' at ')) ||
  (Array.isArray(result) && result[0] === 2) || (typeof result === 'object' && result !== null && 'a' in result);
let blocked = 0;
for (const [name, attack] of Object.entries(attacks)) {
  let outcome: string;
  try {
    const result = attack();
    outcome = harmless(result) ? `blocked (it got ${JSON.stringify(result)})` : `NOT BLOCKED: got ${JSON.stringify(result)}`;
  } catch (error) {
    outcome = `blocked: ${(error as Error).message}`;
  }
  if (outcome.startsWith('blocked')) blocked += 1;
  console.log(`- ${name}: ${outcome}`);
}
console.log(`${blocked} of ${Object.keys(attacks).length} attacks blocked; the host secret ${hostSecret === 'hunter2' ? 'stayed private' : '?'}.`);
if (blocked !== Object.keys(attacks).length) process.exitCode = 1;
