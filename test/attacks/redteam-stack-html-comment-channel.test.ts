// Attack (red team): choose, from one's own stack depth, the error that every party gets for a
// text. parseText reports an HTML-like comment seen before a parse failure as the failure (it is
// the first thing wrong), and did so for a failure caused by running out of stack too: the result,
// HTML_COMMENT_REJECTED instead of STACK_EXHAUSTED, was then cached like any rejection. For a text
// such as `<!-- …\n[[[…]]];\nvoid function () {} / 1`, a full parse reports the ambiguous `/`
// (PF_SYNTAX_ERROR), but a parse that ran out of stack inside the nesting reports the comment
// (PF_HTML_COMMENT_REJECTED) and caches it: a guest that evaluates it just below the stack limit
// changes the message and code every compartment and the host see for it. Two compartments that
// share nothing get a covert channel (test/attacks/redteam-analysis-cache-stack-poisoning for the
// same class through acorn's own stack guard).
//
// Safe behaviour: the error a text gets never depends on how deep another party's stack was.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';
import { stackDiver } from './_stack-and-host.js';

lockdown({ reporting: 'none' });

// Guest code: `poison(src)` evaluates `src` at every depth from the stack limit upwards, until one
// attempt fails with a SyntaxError or runs. (The warm-up lets acorn's overflow check compile its
// regex with room to spare, as in redteam-analysis-cache-stack-poisoning.)
const ATTACKER = stackDiver('e.message');

const READER = `globalThis.read = src => {
  try { new Compartment().evaluate(src); return 'ran'; } catch (e) { return e.message; }
};`;

/** Rejected as ambiguous when parsed in full; an HTML-like comment comes first. */
const text = (i: number): string => `<!-- bit ${i}\n${'['.repeat(300)}${']'.repeat(300)};\nvoid function () {} / 1`;

test('redteam-stack-html-comment-channel: a guest cannot choose the error other parties get', t => {
  const attacker = new Compartment();
  attacker.evaluate(ATTACKER);
  attacker.evaluate(`poison(${JSON.stringify(text(100))})`);
  const victim = new Compartment();
  victim.evaluate(READER);
  t.regex(victim.evaluate(`read(${JSON.stringify(text(100))})`) as string, /ambiguous.*PF_SYNTAX_ERROR/);
  t.throws(() => new Compartment().evaluate(text(100)), { instanceOf: SyntaxError, message: /ambiguous/ });
});

const BITS = [1, 0, 1, 1, 0, 0, 1, 0];

test('redteam-stack-html-comment-channel: no covert channel through the cached error', t => {
  const sender = new Compartment();
  const receiver = new Compartment();
  sender.evaluate(ATTACKER);
  sender.evaluate('globalThis.send = (src, bit) => { if (bit) poison(src); };');
  receiver.evaluate(READER);
  const received = BITS.map((bit, i) => {
    const src = JSON.stringify(text(i));
    sender.evaluate(`send(${src}, ${bit})`);
    return receiver.evaluate(`read(${src})`) as string;
  });
  t.true(received.every(m => /PF_SYNTAX_ERROR/.test(m)), `what the receiver sees depends on the sender: ${received.join('\n')}`);
});
