// Workloads for Compartment: reading and writing endowed globals in a hot loop (native: the same
// code run by indirect eval with ordinary mutable host globals), making compartments (time and
// retained heap; Permafrost makes the global object on first use, so both with and without that
// use), and evaluating an already-compiled source. Permafrost and ses use `globalThis.Compartment`.
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
const LOOP = 'for (let i = 0; i < 1000000; i += 1) counter = counter + step;';
const MADE = 1000;

export const workloads = [
  defineWorkload({
    name: 'compartment-global-loop',
    description: `one evaluate of \`${LOOP}\` (counter, step: endowed globals); native: indirect eval, host globals`,
    iterations: { warmup: 3, timed: 10 },
    quickIterations: { warmup: 1, timed: 2 },
    setup(impl: Impl) {
      let run: () => unknown;
      if (impl.name === 'native') {
        Object.assign(globalThis, { counter: 0, step: 1 });
        run = () => indirectEval(LOOP);
      } else {
        const c = new (compartmentOf(impl))({ __options__: true, globals: { counter: 0, step: 1 } });
        run = () => c.evaluate(LOOP);
      }
      return { prepare: () => undefined, run };
    },
  }),
  defineWorkload({
    name: 'compartment-create',
    description: `${MADE} \`new Compartment()\`, kept alive (retained: for all ${MADE})`,
    iterations: { warmup: 20, timed: 40 },
    quickIterations: { warmup: 1, timed: 3 },
    memory: true,
    impls: ['permafrost', 'ses'],
    setup(impl: Impl) {
      const C = compartmentOf(impl);
      return {
        prepare: (): Compartment[] => [],
        run: (made: Compartment[]) => {
          for (let i = 0; i < MADE; i += 1) made.push(new C());
        },
      };
    },
  }),
  defineWorkload({
    name: 'compartment-create-use',
    description: `${MADE} \`new Compartment()\` and a read of its globalThis (Permafrost makes the global object then), kept alive`,
    iterations: { warmup: 20, timed: 40 },
    quickIterations: { warmup: 1, timed: 3 },
    memory: true,
    impls: ['permafrost', 'ses'],
    setup(impl: Impl) {
      const C = compartmentOf(impl);
      return {
        prepare: (): Compartment[] => [],
        run: (made: Compartment[]) => {
          for (let i = 0; i < MADE; i += 1) {
            const c = new C();
            if (c.globalThis === undefined) throw new Error('no globalThis');
            made.push(c);
          }
        },
      };
    },
  }),
  defineWorkload({
    name: 'compartment-create-evaluate',
    description: `${MADE} \`new Compartment()\` and one \`evaluate('1 + 1')\` in each (compiled once per compartment), kept alive`,
    iterations: { warmup: 10, timed: 30 },
    quickIterations: { warmup: 1, timed: 3 },
    memory: true,
    impls: ['permafrost', 'ses'],
    setup(impl: Impl) {
      const C = compartmentOf(impl);
      return {
        prepare: (): Compartment[] => [],
        run: (made: Compartment[]) => {
          for (let i = 0; i < MADE; i += 1) {
            const c = new C();
            if (c.evaluate('1 + 1') !== 2) throw new Error('wrong result');
            made.push(c);
          }
        },
      };
    },
  }),
  defineWorkload({
    name: 'compartment-evaluate-cached',
    description: "10,000 evaluate('1 + a') of one compiled source (a: endowed); native: indirect eval, host global",
    iterations: { warmup: 10, timed: 40 },
    quickIterations: { warmup: 1, timed: 3 },
    setup(impl: Impl) {
      let evaluate: (source: string) => unknown;
      if (impl.name === 'native') {
        Object.assign(globalThis, { a: 2 });
        evaluate = indirectEval;
      } else {
        const c = new (compartmentOf(impl))({ __options__: true, globals: { a: 2 } });
        evaluate = source => c.evaluate(source);
      }
      return {
        prepare: () => undefined,
        run: () => {
          let sum = 0;
          for (let i = 0; i < 10_000; i += 1) sum += evaluate('1 + a') as number;
          if (sum !== 30_000) throw new Error(`unexpected sum ${sum}`);
        },
      };
    },
  }),
];
