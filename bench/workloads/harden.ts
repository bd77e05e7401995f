// Workloads for harden: one call over a large fresh graph, many calls over small fresh graphs, and
// many calls on a root hardened already. The native column runs the bare Object.freeze walk
// (bench/freeze-walk.ts) over the same graphs, behind a WeakSet of roots it walked already.
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

/**
 * The implementation's harden; for native, the bare freeze walk, or with `remember` the walk
 * skipped for roots it walked before (a WeakSet check: what harden of a hardened root must beat).
 */
const hardenerOf = (impl: Impl, remember = false): (<T>(root: T) => T) => {
  if (impl.harden !== undefined) return impl.harden;
  for (const proto of sharedPrototypes()) freezeWalk(proto);
  const known = sharedPrototypes();
  if (!remember) return <T>(root: T): T => freezeWalk(root, known);
  const walked = new WeakSet<object>();
  return <T>(root: T): T => {
    if (walked.has(root as object)) return root;
    freezeWalk(root, known);
    if (Object(root) === root) walked.add(root as object);
    return root;
  };
};

/** The check value of a hardened graph: whether a deep corner of it is frozen (cheap, but not skippable). */
const frozenCorner = (users: readonly object[]): boolean => {
  const last = users[users.length - 1] as { posts: object[]; address: { geo: object } };
  return Object.isFrozen(last) && Object.isFrozen(last.posts[2]) && Object.isFrozen(last.address.geo);
};

const HARDENED_CALLS = 1_000_000;

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
        run: (graph: { users: object[] }) => Object.isFrozen(harden(graph).users) && frozenCorner(graph.users),
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
          return frozenCorner(records);
        },
      };
    },
  }),
  defineWorkload({
    name: 'harden-hardened-root',
    description: `${HARDENED_CALLS} harden calls on a root hardened already; native: the WeakSet check before a freeze walk`,
    iterations: { warmup: 5, timed: 15 },
    quickIterations: { warmup: 1, timed: 3 },
    ops: HARDENED_CALLS,
    setup(impl: Impl) {
      const harden = hardenerOf(impl, true);
      const root = harden(makeUserGraph(10));
      return {
        prepare: () => root,
        run: (hardened: object) => {
          let same = 0;
          for (let i = 0; i < HARDENED_CALLS; i += 1) if (harden(hardened) === hardened) same += 1;
          return same;
        },
      };
    },
  }),
];
