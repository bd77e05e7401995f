// Attack: two compartments with no shared endowments try to communicate through what they share by
// default: mutation of every universal global and its prototypes, RegExp legacy statics,
// `Error.stackTraceLimit` / `prepareStackTrace`, the `Symbol.for` registry, the compartments'
// `Compartment` constructors and their prototype, `Function.prototype.toString`, the compiled-source
// cache (same text, evaluation modes, endowment names, template objects, flooding), WeakMaps and
// WeakSets keyed on shared intrinsics, and `lastIndex` of regex literals. For each channel a sender
// writes a bit and a receiver tries to read it: the receiver must read the same value for 0 and 1.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';
import { assertNoSharedMutableState } from './_shared-state.js';

lockdown({ reporting: 'none' });

interface Channel {
  name: string;
  /** receiver setup, run before the sender (may keep state in the receiver's global) */
  prepare?: string;
  /** `BIT` is replaced by 0 or 1 */
  send: string;
  receive: string;
  /** run the sender with evaluate options */
  sendOptions?: (bit: number) => Record<string, unknown>;
}

const run = (channel: Channel, bit: number): unknown => {
  const sender = new Compartment({ __options__: true, name: 'sender' });
  const receiver = new Compartment({ __options__: true, name: 'receiver' });
  if (channel.prepare !== undefined) receiver.evaluate(channel.prepare);
  try {
    sender.evaluate(channel.send.replaceAll('BIT', String(bit)), channel.sendOptions?.(bit) as any);
  } catch {
    // a failed write is a write of nothing
  }
  try {
    return JSON.stringify(receiver.evaluate(channel.receive));
  } catch (error) {
    return `threw ${String((error as Error)?.message)}`;
  }
};

const expectSilent = (t: any, channel: Channel): void => {
  const zero = run(channel, 0);
  const one = run(channel, 1);
  t.is(one, zero, `${channel.name}: the receiver reads the same for 0 and 1`);
};

// A fingerprint of everything reachable from a compartment's global object (names, property keys,
// attributes and primitive values), two prototype levels deep per global.
const FINGERPRINT = `
  (() => {
    const out = [];
    const seen = new Set();
    const visit = (x, path, depth) => {
      if ((typeof x !== 'object' || x === null) && typeof x !== 'function') { out.push(path + '=' + String(x)); return; }
      if (seen.has(x) || depth > 3) return;
      seen.add(x);
      out.push(path + ' frozen:' + Object.isFrozen(x) + ' ext:' + Object.isExtensible(x));
      const proto = Object.getPrototypeOf(x);
      if (proto !== null) visit(proto, path + '.__proto__', depth + 1);
      for (const k of Reflect.ownKeys(x)) {
        const d = Reflect.getOwnPropertyDescriptor(x, k);
        const p = path + '.' + String(k);
        out.push(p + ' ' + Object.keys(d).join());
        if ('value' in d) visit(d.value, p, depth + 1);
      }
    };
    for (const name of Object.getOwnPropertyNames(globalThis)) {
      if (name === 'globalThis') continue;
      visit(globalThis[name], name, 0);
    }
    return out.join('\\n');
  })()
`;

const MUTATE_EVERYTHING = `
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (name === 'globalThis') continue;
    const targets = [globalThis[name]];
    try { targets.push(globalThis[name].prototype, Object.getPrototypeOf(globalThis[name])); } catch {}
    for (const o of targets) {
      if ((typeof o !== 'object' || o === null) && typeof o !== 'function') continue;
      const attempts = [
        () => { o.pfBit = BIT; },
        () => Object.defineProperty(o, 'pfBit', { value: BIT }),
        () => { o[Symbol.for('pfBit')] = BIT; },
        () => Reflect.set(o, 'toString', () => BIT),
        () => { if (BIT) Object.preventExtensions(o); },
        () => { if (BIT) Object.setPrototypeOf(o, null); },
        () => { if (BIT) for (const k of Reflect.ownKeys(o)) delete o[k]; },
        () => { if (BIT) o.__proto__ = {}; },
        () => { o.constructor = BIT; },
        () => { o.name = 'b' + BIT; o.length = BIT; },
        () => { if (BIT && Array.isArray(o)) o.push(1); },
      ];
      for (const a of attempts) { try { a(); } catch {} }
    }
  }
`;

const channels: Channel[] = [
  { name: 'every universal global and its prototypes', send: MUTATE_EVERYTHING, receive: FINGERPRINT },
  {
    name: 'RegExp legacy statics',
    send: `/(b)(i)(t)BIT/.exec('bitBIT'); 'xBIT'.replace(/x(\\d)/, '$1'); RegExp.input = 'BIT'; RegExp.lastMatch;`,
    receive: `['$1', '$2', '$_', '$&', '$+', '$\`', "$'", 'input', 'lastMatch', 'lastParen', 'leftContext', 'rightContext']
      .map(k => { try { return String(RegExp[k]); } catch (e) { return 'threw'; } })
      .concat('abc'.replace(/b/, "$\`$&$'"), String(/x/.exec('ax')?.index))`,
  },
  {
    name: 'Error.stackTraceLimit and prepareStackTrace',
    send: `
      try { Error.stackTraceLimit = BIT; } catch {}
      try { Error.prepareStackTrace = () => 'bit' + BIT; } catch {}
      try { Object.defineProperty(Error, 'stackTraceLimit', { value: BIT }); } catch {}
      try { TypeError.stackTraceLimit = BIT; } catch {}
      try { Error.captureStackTrace?.({}); } catch {}
      if (BIT) { try { throw new Error('deep'); } catch (e) { e.stack; } }`,
    receive: `(() => { const e = new Error('x'); let s; try { null.x; } catch (f) { s = f.stack; }
      return [String(Error.stackTraceLimit), typeof Error.prepareStackTrace, String(e.stack), String(s),
        typeof Error.captureStackTrace, Object.getOwnPropertyNames(Error).join(), Object.getOwnPropertyNames(e).join()]; })()`,
  },
  {
    name: 'the Symbol.for registry',
    send: `if (BIT) { Symbol.for('pf-channel'); for (let i = 0; i < 100; i += 1) Symbol.for('pf-' + i); }
      try { Symbol.for('pf-channel').description; Object.defineProperty(Symbol.prototype, 'pf', { value: BIT }); } catch {}
      try { Symbol.for = () => BIT; } catch {}`,
    receive: `[Symbol.keyFor(Symbol.for('pf-channel')), Symbol.for('pf-channel').description, typeof Symbol.for('pf-channel').pf,
      String(Symbol.keyFor(Symbol.iterator)), (() => { try { new WeakSet().add(Symbol.for('pf-channel')); return 'added'; } catch { return 'threw'; } })()]`,
  },
  {
    name: 'Compartment constructors and their prototype',
    send: `
      const P = Compartment.prototype;
      for (const a of [() => { P.pf = BIT; }, () => { Compartment.pf = BIT; }, () => { P.evaluate = () => BIT; },
        () => Object.defineProperty(P, 'globalThis', { get: () => BIT }), () => { P.constructor.pf = BIT; },
        () => { Object.getPrototypeOf(Compartment).pf = BIT; }, () => { new Compartment().globalThis.Compartment.prototype.pf = BIT; },
        () => { Object.setPrototypeOf(P, null); }]) { try { a(); } catch {} }
      if (BIT) for (let i = 0; i < 50; i += 1) new Compartment({ __options__: true, name: 'n' + i }).evaluate('1');`,
    receive: `[typeof Compartment.prototype.pf, typeof Compartment.pf, Object.getOwnPropertyNames(Compartment.prototype).join(),
      new Compartment().evaluate('1 + 1'), new Compartment().name, Object.isFrozen(Compartment), Object.isFrozen(Compartment.prototype),
      Compartment === new Compartment().globalThis.Compartment]`,
  },
  {
    name: 'Function.prototype.toString',
    send: `
      try { Function.prototype.toString = () => BIT; } catch {}
      const f = function bitBIT($pfG, $pfR, x) { return x + $pfG + undeclaredBIT; };
      String(f); Function('a', 'return a + BIT + free').toString();
      if (BIT) for (let i = 0; i < 40; i += 1) eval('(function () { return $pfG' + i + ' + y; })').toString();`,
    receive: `[String(function f(a) { return a + x + y; }), Function('a', 'return a + free').toString(),
      String(Array.prototype.map), String(class K { m() { return z; } }), String(() => q)]`,
  },
  {
    name: 'the source cache: the same text evaluated first in sloppyGlobalsMode',
    send: `if (BIT) { /* the host evaluates the receiver's text in sloppy mode first */ }`,
    sendOptions: () => ({}),
    receive: `(() => { try { pfSloppyTarget = 1; return 'assigned'; } catch (e) { return e.name; } })()`,
  },
  {
    name: 'the source cache: the same text evaluated with endowment names',
    send: `if (BIT) { new Compartment().evaluateExpr('typeof pfName + [typeof pfOther]', { pfName: 1, pfOther: 2 }); }`,
    receive: `[new Compartment().evaluateExpr('typeof pfName + [typeof pfOther]'), new Compartment({ pfName: 'g' }).evaluateExpr('typeof pfName + [typeof pfOther]')]`,
  },
  {
    name: 'the source cache: the same text with lexicals',
    send: `if (BIT) { new Compartment().evaluate('typeof pfLex', { __moduleShimLexicals__: { pfLex: 1 } }); }`,
    receive: `new Compartment().evaluate('typeof pfLex')`,
  },
  {
    name: 'the source cache: template objects of the same text',
    send: `
      const s = eval("(s => s)\`pf-template\`");
      try { s.pf = BIT; } catch {} try { s.raw.pf = BIT; } catch {} try { Object.defineProperty(s, 0, { value: 'b' + BIT }); } catch {}
      globalThis.keep = s;`,
    receive: `(() => { const s = eval("(s => s)\`pf-template\`"); return [Object.keys(s).join(), s[0], typeof s.pf, typeof s.raw.pf, Object.isFrozen(s), Object.isFrozen(s.raw)]; })()`,
  },
  {
    name: 'the source cache: eviction by flooding with 300+ distinct sources (template identity)',
    prepare: `globalThis.first = eval("(s => s)\`pf-evict\`"); globalThis.firstF = Function("return (s => s)\`pf-evict-f\`")();`,
    send: `if (BIT) for (let i = 0; i < 1200; i += 1) { eval("'flood " + i + "'"); Function("return " + i); new Compartment().evaluateExpr('x' + i + ' + 1', { ['x' + i]: 1 }); }`,
    receive: `[first === eval("(s => s)\`pf-evict\`"), firstF === Function("return (s => s)\`pf-evict-f\`")()]`,
  },
  {
    name: 'WeakMap and WeakSet keyed on shared intrinsics',
    send: `globalThis.wm = new WeakMap([[Array.prototype, BIT], [Object, BIT]]); globalThis.ws = new WeakSet(); if (BIT) ws.add(Function.prototype);
      try { WeakMap.prototype.pf = BIT; } catch {} try { WeakMap.prototype.get = () => BIT; } catch {}`,
    receive: `(() => { const wm = new WeakMap(); const ws = new WeakSet(); return [wm.get(Array.prototype), wm.has(Object), ws.has(Function.prototype), typeof globalThis.wm, typeof WeakMap.prototype.pf]; })()`,
  },
  {
    name: 'lastIndex on regex literals',
    prepare: `globalThis.re = () => /b/g;`,
    send: `for (const source of ['/b/g', '/b/y', '/b/gu']) { const r = eval(source); if (BIT) { r.exec('abbb'); r.exec('abbb'); } try { RegExp.prototype.lastIndex = BIT; } catch {} }
      const r2 = /b/g; r2.lastIndex = BIT * 3; 'abbb'.match(/b/g); 'abbb'.replace(/b/g, '');`,
    receive: `[eval('/b/g').lastIndex, eval('/b/y').lastIndex, eval('/b/gu').lastIndex, re().lastIndex, /b/g.lastIndex, /b/g.exec('abbb')?.index,
      typeof RegExp.prototype.lastIndex]`,
  },
  {
    name: 'Error objects from shared intrinsics',
    send: `for (const E of [Error, TypeError, RangeError, SyntaxError, AggregateError]) { try { E.prototype.message = 'b' + BIT; } catch {} try { E.prototype.name = 'b' + BIT; } catch {} }
      try { Error.prototype.toString = () => BIT; } catch {}`,
    receive: `[String(new Error()), String(new TypeError('t')), (() => { try { null.x; } catch (e) { return String(e) + e.name; } })(), new RangeError().message]`,
  },
];

for (const channel of channels) {
  test(`covert-channel-two-compartments: ${channel.name}`, t => {
    if (channel.name.includes('sloppyGlobalsMode')) {
      // Sender: the same text, in sloppy-globals mode, only when the bit is 1.
      const read = (bit: number): unknown => {
        const sender = new Compartment();
        if (bit) {
          try {
            sender.evaluate(channel.receive, { sloppyGlobalsMode: true });
          } catch {
            // ignored
          }
        }
        return JSON.stringify(new Compartment().evaluate(channel.receive));
      };
      t.is(read(1), read(0));
      t.is(read(0), JSON.stringify('ReferenceError'));
      return;
    }
    expectSilent(t, channel);
  });
}

test('covert-channel-two-compartments: interleaved bit stream through every channel', t => {
  // Long-lived sender and receiver, eight bits per channel, the receiver reading after each write.
  const BITS = [1, 0, 1, 1, 0, 0, 1, 0];
  for (const channel of channels) {
    if (channel.sendOptions !== undefined) continue;
    const sender = new Compartment();
    const receiver = new Compartment();
    if (channel.prepare !== undefined) receiver.evaluate(channel.prepare);
    const received = BITS.map(bit => {
      try {
        sender.evaluate(channel.send.replaceAll('BIT', String(bit)));
      } catch {
        // ignored
      }
      try {
        return JSON.stringify(receiver.evaluate(channel.receive));
      } catch (error) {
        return `threw ${String((error as Error)?.message)}`;
      }
    });
    t.true(received.every(r => r === received[0]), `${channel.name}: constant stream`);
  }
});

test('covert-channel-two-compartments: two compartments share no mutable state', t => {
  const a = new Compartment();
  const b = new Compartment();
  for (const channel of channels) {
    try {
      a.evaluate(channel.send.replaceAll('BIT', '1'));
    } catch {
      // ignored
    }
  }
  assertNoSharedMutableState(t, a, b);
});
