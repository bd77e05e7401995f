// Attack (red team): a clock-free covert channel between two compartments that share nothing, through
// the realm-wide cache of compiled code (evaluator.ts). A tagged template's template object belongs
// to the compiled function, so its identity says whether the receiver's text was still cached:
// the sender flushes the LRU (1000 cheap evals) to send a 1, or fills the text's 16 variant slots
// (a child compartment's evaluateExpr with distinct endowment names) so that the receiver's variant
// is never cached. Deterministic, no Date, no timing. (docs/compartment.md only mentions a timing
// channel "with a clock".)
//
// Safe behaviour: what a compartment observes does not depend on what another compartment did.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

const BITS = [1, 0, 1, 1, 0, 0, 1, 0];

test('redteam-template-cache-channel: LRU eviction is observable through template object identity', t => {
  const receiver = new Compartment();
  const sender = new Compartment();
  receiver.evaluate(`
    const probe = () => eval("(s => s)\`probe\`");
    let last = probe();
    globalThis.read = () => { const now = probe(); const bit = now === last ? 0 : 1; last = now; return bit; };
  `);
  sender.evaluate(`globalThis.send = bit => { if (bit) for (let i = 0; i < 1000; i += 1) eval("'flood " + i + "'"); };`);
  const received = BITS.map(bit => {
    sender.evaluate(`send(${bit})`);
    return receiver.evaluate('read()') as number;
  });
  t.notDeepEqual(received, BITS, 'the receiver decoded every bit the sender sent');
  t.true(received.every(b => b === received[0]), 'what the receiver sees depends on the sender');
});

test('redteam-template-cache-channel: filled variant slots are observable through template object identity', t => {
  const receiver = new Compartment();
  const sender = new Compartment();
  sender.evaluate(`globalThis.send = (i, bit) => {
    if (!bit) return;
    const c = new Compartment();
    for (let k = 0; k < 16; k += 1) c.evaluateExpr("(s => s)\`bit " + i + "\`", { ["v" + k]: 0 });
  };`);
  receiver.evaluate(`globalThis.read = i => {
    const c = new Compartment();
    const src = "(s => s)\`bit " + i + "\`";
    return c.evaluateExpr(src, { mine: 0 }) === c.evaluateExpr(src, { mine: 0 }) ? 0 : 1;
  };`);
  const received = BITS.map((bit, i) => {
    sender.evaluate(`send(${i}, ${bit})`);
    return receiver.evaluate(`read(${i})`) as number;
  });
  t.notDeepEqual(received, BITS, 'the receiver decoded every bit the sender sent');
  t.true(received.every(b => b === received[0]), 'what the receiver sees depends on the sender');
});
