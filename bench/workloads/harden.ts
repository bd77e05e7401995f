// Workloads for harden: one call over a large fresh graph, and many calls over small fresh graphs.
// The native column runs the bare Object.freeze walk (bench/freeze-walk.ts) over the same graphs.
import { freezeWalk } from '../freeze-walk.js';
import { defineWorkload, type Impl } from '../workload.js';

/** Deterministic pseudo-random numbers (a 31-bit LCG), so that every column gets the same graph. */
const makeRandom = (seed: number): (() => number) => {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
};

/**
 * A realistic application graph of `records` user records, 10 objects each: the record, its tags
 * array, address, geo and settings objects, a posts array of three posts and a friends array that links to
 * an earlier record (cross edges and, through `bestFriendOf`, cycles) unless `linked` is false.
 * Plus the root and its array.
 */
export const makeUserGraph = (records: number, linked = true, seed = 1): { users: object[] } => {
  const random = makeRandom(seed);
  const users: Record<string, unknown>[] = [];
  for (let i = 0; i < records; i += 1) {
    const posts: object[] = [];
    for (let p = 0; p < 3; p += 1) posts.push({ id: p, title: `post ${p}`, body: 'lorem ipsum', likes: p * 7 });
    const user: Record<string, unknown> = {
      id: i,
      name: `user ${i}`,
      email: `user${i}@example.com`,
      active: random() > 0.3,
      tags: ['reader', random() > 0.5 ? 'writer' : 'lurker'],
      address: { street: `${i} Main St`, city: 'Springfield', geo: { lat: random() * 90, lng: random() * 180 } },
      settings: { theme: random() > 0.5 ? 'dark' : 'light', notifications: true },
      posts,
      friends: [] as object[],
    };
    if (linked && i > 0) {
      const friend = users[Math.floor(random() * i)]!;
      (user.friends as object[]).push(friend);
      friend.bestFriendOf = user;
    }
    users.push(user);
  }
  return { users };
};

/** The prototypes every graph here reaches; frozen once in setup, as lockdown does for the others. */
const sharedPrototypes = (): object[] => [Object.prototype, Array.prototype, Function.prototype];

const hardenerOf = (impl: Impl): (<T>(root: T) => T) => {
  if (impl.harden !== undefined) return impl.harden;
  for (const proto of sharedPrototypes()) freezeWalk(proto);
  const known = sharedPrototypes();
  return <T>(root: T): T => freezeWalk(root, known);
};

export const workloads = [
  defineWorkload({
    name: 'harden-100k',
    description: 'one harden of a fresh 100k-object graph (records, arrays, nesting, cycles); native: freeze walk',
    iterations: { warmup: 10, timed: 40 },
    quickIterations: { warmup: 1, timed: 3 },
    memory: true,
    setup(impl: Impl) {
      const harden = hardenerOf(impl);
      return {
        prepare: () => makeUserGraph(10_000),
        run: (graph: { users: object[] }) => harden(graph),
      };
    },
  }),
  defineWorkload({
    name: 'harden-10k-calls',
    description: '10k harden calls, each on a fresh, unlinked 10-object record (per-call overhead); native: freeze walk',
    iterations: { warmup: 10, timed: 40 },
    quickIterations: { warmup: 1, timed: 3 },
    setup(impl: Impl) {
      const harden = hardenerOf(impl);
      return {
        prepare: () => makeUserGraph(10_000, false).users,
        run: (records: object[]) => {
          for (let i = 0; i < records.length; i += 1) harden(records[i]);
        },
      };
    },
  }),
];
