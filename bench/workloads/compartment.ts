// Workloads for Compartment: free names in hot code (a function evaluated once in a compartment,
// then called many times, so that V8 optimizes it as usual rather than one long call stuck in
// on-stack replacement): endowed mutable globals, the same after the global object is hardened,
// and locals only; evaluate latency with one source and with unique sources; and making
// compartments (time and retained heap; Permafrost makes the global object on first use, so both
// with and without that use). The native column runs the same source by indirect eval with host
// globals. Permafrost and ses use `globalThis.Compartment`.
import { defineWorkload, type Impl } from '../workload.js';

interface Compartment {
  readonly globalThis: Record<string, unknown>;
  evaluate(source: string): unknown;
}
type CompartmentConstructor = new (options?: object) => Compartment;

const compartmentOf = (impl: Impl): CompartmentConstructor => {
  const C = (globalThis as { Compartment?: CompartmentConstructor }).Compartment;
  if (C === undefined) throw new Error(`${impl.name}: no global Compartment`);
  return C;
};

const indirectEval = eval;
const MADE = 1000;

/**
 * An `evaluate` for the column: native is indirect eval with `globals` as host globals (writable,
 * or with `frozen` read-only like the hardened global object's); Permafrost and ses evaluate in one
 * compartment endowed with `globals`, hardened first if `frozen`.
 */
const evaluatorOf = (impl: Impl, globals: Record<string, unknown>, frozen = false): ((source: string) => unknown) => {
  if (impl.name === 'native') {
    for (const [name, value] of Object.entries(globals)) {
      Object.defineProperty(globalThis, name, { value, writable: !frozen, enumerable: true, configurable: !frozen });
    }
    return indirectEval;
  }
  const c = new (compartmentOf(impl))({ __options__: true, globals });
  if (frozen) impl.harden!(c.globalThis);
  return source => c.evaluate(source);
};

// The loop body: a global read and written (mutable only), two read, and two Math calls, by free names.
const BODY = '(Math.imul(i, factor) + Math.abs(offset - i))';
const LOOPS = {
  mutable: `(function loop(n) {
  for (let i = 0; i < n; i += 1) counter = (counter + ${BODY}) % 65521;
  return counter;
})`,
  frozen: `(function loop(n) {
  let acc = 0;
  for (let i = 0; i < n; i += 1) acc = (acc + ${BODY}) % 65521;
  return acc;
})`,
  local: `(function loop(n) {
  const { imul, abs } = Math;
  const factor = 3, offset = 5000;
  let acc = 0;
  for (let i = 0; i < n; i += 1) acc = (acc + imul(i, factor) + abs(offset - i)) % 65521;
  return acc;
})`,
};
const PER_CALL = 10_000;
const calls = (quick: boolean): number => (quick ? 100 : 1000);

const loopWorkload = (variant: keyof typeof LOOPS, what: string) =>
  defineWorkload({
    name: `global-loop-${variant}`,
    description: `${what}: calls of \`${LOOPS[variant].split('\n')[0]}…\` evaluated once, ${PER_CALL} iterations each, 10M in all (1M under --quick)`,
    iterations: { warmup: 2, timed: 7 },
    quickIterations: { warmup: 1, timed: 2 },
    ops: quick => calls(quick) * PER_CALL,
    setup(impl: Impl) {
      const globals = variant === 'local' ? {} : { factor: 3, offset: 5000, ...(variant === 'mutable' ? { counter: 0 } : {}) };
      const evaluate = evaluatorOf(impl, globals, variant === 'frozen');
      const loop = evaluate(LOOPS[variant]) as (n: number) => number;
      const reset = variant === 'mutable' ? evaluate('(function reset() { counter = 0; })') as () => void : () => {};
      const n = calls(impl.quick);
      return {
        prepare: reset,
        run: () => {
          let total = 0;
          for (let k = 0; k < n; k += 1) total = (total + loop(PER_CALL)) % 65521;
          return total;
        },
      };
    },
  });

const EVALUATIONS = 10_000;
let salt = 0;

/** Makes MADE compartments, each followed by `use`, all kept alive (time and retained heap). */
const createWorkload = (name: string, description: string, iterations: { warmup: number; timed: number }, use: (c: Compartment) => void) =>
  defineWorkload({
    name,
    description,
    iterations,
    quickIterations: { warmup: 1, timed: 3 },
    memory: true,
    impls: ['permafrost', 'ses'],
    ops: MADE,
    setup(impl: Impl) {
      const C = compartmentOf(impl);
      return {
        prepare: (): Compartment[] => [],
        run: (made: Compartment[]) => {
          for (let i = 0; i < MADE; i += 1) {
            const c = new C();
            use(c);
            made.push(c);
          }
        },
      };
    },
  });

export const workloads = [
  loopWorkload('mutable', 'endowed mutable globals (counter written, factor and offset read) and Math'),
  loopWorkload('frozen', 'the global object hardened first (native: read-only host globals); factor, offset and Math read'),
  loopWorkload('local', 'locals only: the same arithmetic, Math read once per call'),
  defineWorkload({
    name: 'evaluate-same',
    description: `${EVALUATIONS} \`evaluate('1+1')\` in one compartment; native: indirect eval`,
    iterations: { warmup: 10, timed: 30 },
    quickIterations: { warmup: 1, timed: 3 },
    ops: EVALUATIONS,
    setup(impl: Impl) {
      const evaluate = evaluatorOf(impl, {});
      return {
        prepare: () => undefined,
        run: () => {
          let sum = 0;
          for (let i = 0; i < EVALUATIONS; i += 1) sum += evaluate('1+1') as number;
          return sum;
        },
      };
    },
  }),
  defineWorkload({
    name: 'evaluate-unique',
    description: `${EVALUATIONS} evaluate of sources seen never before (\`(i * 7 + s) - s\`, s unique per run) in one compartment; native: indirect eval`,
    iterations: { warmup: 3, timed: 10 },
    quickIterations: { warmup: 1, timed: 2 },
    ops: EVALUATIONS,
    setup(impl: Impl) {
      const evaluate = evaluatorOf(impl, {});
      return {
        prepare: () => {
          salt += 1;
          return Array.from({ length: EVALUATIONS }, (_, i) => `(${i} * 7 + ${salt * 1e6}) - ${salt * 1e6}`);
        },
        run: (sources: string[]) => {
          let sum = 0;
          for (let i = 0; i < EVALUATIONS; i += 1) sum += evaluate(sources[i]!) as number;
          return sum;
        },
      };
    },
  }),
  createWorkload('compartment-create', `${MADE} \`new Compartment()\`, kept alive (retained: for all ${MADE})`, { warmup: 20, timed: 40 }, () => {}),
  createWorkload(
    'compartment-create-use',
    `${MADE} \`new Compartment()\` and a read of its globalThis (Permafrost makes the global object then), kept alive`,
    { warmup: 20, timed: 40 },
    c => {
      if (c.globalThis === undefined) throw new Error('no globalThis');
    },
  ),
  createWorkload(
    'compartment-create-evaluate',
    `${MADE} \`new Compartment()\` and one \`evaluate('1 + 1')\` in each (compiled once per compartment), kept alive`,
    { warmup: 10, timed: 30 },
    c => {
      if (c.evaluate('1 + 1') !== 2) throw new Error('wrong result');
    },
  ),
];
