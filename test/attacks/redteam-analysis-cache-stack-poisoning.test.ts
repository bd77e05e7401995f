// Attack (red team): poison the realm-wide analysis cache (analyze-source.ts) by running out of stack.
// A guest recurses to just below the stack limit and evaluates a source there: acorn's own
// stack-overflow guard (`catchStackOverflow`: "Not enough stack space to parse input"), or the
// RangeError caught by parseText / analyzeScopes ("source is nested too deeply to analyze"), turns
// the exhaustion into a rejection, and `cached()` keeps that rejection for the source text, for
// every compartment and for the host. So one guest can make any text of its choosing fail to
// evaluate everywhere else (a plugin's code, a makeRequire module), and two compartments that
// share nothing get a deterministic, clock-free covert channel: the sender poisons the text
// `'bit <i>'` to send a 1, the receiver evaluates it and sees a SyntaxError or not.
//
// The warm-up makes acorn's overflow check compile its regex with room to spare (a regex compiled
// with almost no stack left is a fatal V8 OOM, not a RangeError: a separate, availability issue).
//
// Safe behaviour: a failure caused by the caller's stack (not by the text) is never cached, so what
// one party evaluates never depends on how deep another party's stack was.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';
import { stackDiver } from './_stack-and-host.js';

lockdown({ reporting: 'none' });

// Guest code: `poison(src)` evaluates `src` at every depth from the stack limit upwards, until one
// attempt fails with a SyntaxError (the exhaustion happened while analyzing) or runs.
const ATTACKER = stackDiver("'poisoned'");

const PLUGIN = '(function plugin(a) { return a + 1; })';

test('redteam-analysis-cache-stack-poisoning: a guest cannot make a source fail for the host and other compartments', t => {
  const attacker = new Compartment();
  attacker.evaluate(ATTACKER);
  attacker.evaluate(`poison(${JSON.stringify(PLUGIN)})`);
  const victim = new Compartment();
  const plugin = victim.evaluate(PLUGIN) as (a: number) => number;
  t.is(plugin(1), 2);
  t.is((new Compartment().evaluate(PLUGIN) as (a: number) => number)(2), 3);
});

const BITS = [1, 0, 1, 1, 0, 0, 1, 0];

test('redteam-analysis-cache-stack-poisoning: no covert channel through poisoned analysis entries', t => {
  const sender = new Compartment();
  const receiver = new Compartment();
  sender.evaluate(ATTACKER);
  sender.evaluate('globalThis.send = (i, bit) => { if (bit) poison("\'bit " + i + "\'"); };');
  receiver.evaluate(`globalThis.read = i => {
    try { new Compartment().evaluate("'bit " + i + "'"); return 0; } catch { return 1; }
  };`);
  const received = BITS.map((bit, i) => {
    sender.evaluate(`send(${i}, ${bit})`);
    return receiver.evaluate(`read(${i})`) as number;
  });
  t.true(received.every(b => b === received[0]), `what the receiver sees depends on the sender: ${received.join('')}`);
});
