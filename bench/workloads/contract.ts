// A guest program of the kind compartments exist for: a token ledger (1,000 accounts, balances as
// BigInt in a Map) run two ways. Evaluated: one evaluate of a script that opens the accounts, makes
// 100k pseudo-random transfers and returns a checksum. Called: the host makes a fresh ledger, then
// calls the guest's `transfer` 100k times with arguments drawn beforehand. Native: the same source
// by indirect eval in the host realm. The checksum (balances and refused transfers) must agree.
import { defineWorkload, type Impl } from '../workload.js';

const ACCOUNTS = 1000;
const TRANSFERS = 100_000;

/** The contract: the same text for every column. Guest code, so plain JavaScript in a string. */
const LEDGER = `function makeLedger(count) {
  const balances = new Map();
  for (let i = 0; i < count; i += 1) balances.set('account-' + i, 1000000n);
  let refused = 0;
  const transfer = (from, to, amount) => {
    const source = balances.get(from);
    const value = BigInt(amount);
    if (source === undefined || !balances.has(to) || source < value) {
      refused += 1;
      return false;
    }
    balances.set(from, source - value);
    balances.set(to, balances.get(to) + value);
    return true;
  };
  const checksum = () => {
    let sum = 0n;
    for (const [name, balance] of balances) sum = (sum * 31n + balance + BigInt(name.length)) % 1000000007n;
    return sum + ':' + refused;
  };
  return { transfer, checksum };
}`;

/** The evaluated program: the ledger and 100k transfers drawn by a 32-bit LCG, all in the guest. */
const SCRIPT = `(() => {
  ${LEDGER}
  const ledger = makeLedger(${ACCOUNTS});
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let t = 0; t < ${TRANSFERS}; t += 1) {
    ledger.transfer('account-' + (next() % ${ACCOUNTS}), 'account-' + (next() % ${ACCOUNTS}), next() % 5000);
  }
  return ledger.checksum();
})()`;

const indirectEval = eval;

/** Evaluates `source` in the column: a fresh compartment per Permafrost and ses process, indirect eval for native. */
const evaluatorOf = (impl: Impl): ((source: string) => unknown) => {
  if (impl.name === 'native') return indirectEval;
  const C = (globalThis as unknown as { Compartment: new () => { evaluate(source: string): unknown } }).Compartment;
  const c = new C();
  return source => c.evaluate(source);
};

/** The host's arguments for the called form: the same draws as the script's, made untimed. */
const draws = (() => {
  const from: string[] = [];
  const to: string[] = [];
  const amount: number[] = [];
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let t = 0; t < TRANSFERS; t += 1) {
    from.push(`account-${next() % ACCOUNTS}`);
    to.push(`account-${next() % ACCOUNTS}`);
    amount.push(next() % 5000);
  }
  return { from, to, amount };
})();

interface Ledger {
  transfer(from: string, to: string, amount: number): boolean;
  checksum(): string;
}

export const workloads = [
  defineWorkload({
    name: 'contract-evaluated',
    description: `one evaluate of a token ledger: ${ACCOUNTS} accounts (Map, BigInt), ${TRANSFERS} transfers drawn in the guest`,
    iterations: { warmup: 5, timed: 15 },
    quickIterations: { warmup: 1, timed: 3 },
    setup(impl: Impl) {
      const evaluate = evaluatorOf(impl);
      return { prepare: () => undefined, run: () => evaluate(SCRIPT) as string };
    },
  }),
  defineWorkload({
    name: 'contract-host-calls',
    description: `${TRANSFERS} host calls of the guest ledger's transfer(from, to, amount) on a fresh ledger of ${ACCOUNTS} accounts`,
    iterations: { warmup: 5, timed: 15 },
    quickIterations: { warmup: 1, timed: 3 },
    ops: TRANSFERS,
    setup(impl: Impl) {
      const makeLedger = evaluatorOf(impl)(`(() => { ${LEDGER}\nreturn makeLedger; })()`) as (count: number) => Ledger;
      const { from, to, amount } = draws;
      return {
        prepare: () => makeLedger(ACCOUNTS),
        run: (ledger: Ledger) => {
          for (let t = 0; t < TRANSFERS; t += 1) ledger.transfer(from[t]!, to[t]!, amount[t]!);
          return ledger.checksum();
        },
      };
    },
  }),
];
