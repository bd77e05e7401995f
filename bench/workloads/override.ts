// What each overrideTaming level costs on method calls: lockdown() turns the data properties a
// level lists (whitelist/enablements.ts) into accessor pairs on the shared prototypes, so a lookup
// of `obj.toString` may go through a getter. One process per level and column, the same loop of
// calls on ordinary objects: Object.prototype.toString (an accessor from 'min'), Error.prototype.name
// ('min'), Array.prototype.push ('moderate'), Map.prototype.get ('severe') and a class method
// (never). Native: no lockdown, so no accessors.
import { defineWorkload, type Impl } from '../workload.js';

const CALLS = 1_000_000;

class Point {
  constructor(readonly x: number) {}
  norm(): number {
    return Math.abs(this.x);
  }
}

const calls = (): number => {
  const o = {};
  const list: number[] = [];
  const map = new Map([[1, 2]]);
  const error = new Error('e');
  const point = new Point(-3);
  let sum = 0;
  for (let i = 0; i < CALLS; i += 1) {
    list.push(i);
    if (list.length > 1000) list.length = 0;
    sum += o.toString().length + error.name.length + map.get(1)! + point.norm();
  }
  return sum + list.length;
};

const level = (name: 'min' | 'moderate' | 'severe') =>
  defineWorkload({
    name: `override-${name}`,
    description: `${CALLS} rounds of 5 method calls (toString, name, push, get, a class method) after lockdown({ overrideTaming: '${name}' })`,
    iterations: { warmup: 5, timed: 15 },
    quickIterations: { warmup: 1, timed: 3 },
    ops: CALLS * 5,
    lockdown: { overrideTaming: name },
    setup(_impl: Impl) {
      return { prepare: () => undefined, run: calls };
    },
  });

export const workloads = [level('min'), level('moderate'), level('severe')];
