// Module graph evaluation as ECMA-262 16.2.1.5.3 specifies it for Cyclic Module Records: Evaluate,
// InnerModuleEvaluation (Tarjan's strongly connected components, so a cycle finishes as one), and
// for top-level await ExecuteAsyncModule, GatherAvailableAncestors, AsyncModuleExecutionFulfilled
// and AsyncModuleExecutionRejected, with the fields of the spec's Table 45. Generic over the
// loader's instances (module-loader.ts gives their requests and runs their bodies). Side effect:
// the agent's [[ModuleAsyncEvaluationCount]] below (an order, never an observable value).
import { Map, Promise, mapGet, mapSet, mathMin, promiseThen } from '../commons.js';

/** A record's [[Status]] once linked ('new' before: the loader's). */
export type EvaluationStatus = 'new' | 'linked' | 'evaluating' | 'evaluating-async' | 'evaluated';

interface Capability {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** [[AsyncEvaluationOrder]] (ES2025): unset, an integer while pending, done once settled. */
const UNSET = 0;
const DONE = -1;

/** The evaluation fields of a Cyclic Module Record, kept on each of the loader's instances. */
export interface Evaluable<T> {
  status: EvaluationStatus;
  dfsIndex: number;
  dfsAncestorIndex: number;
  /**
   * The stack of the evaluation that set this record 'evaluating'. Not in the spec, whose Evaluate
   * never runs inside another; ours can (`importNow` or `require` from a module body), and a record
   * on an outer evaluation's stack is taken as it is, as a cycle would be.
   */
  stack: T[] | undefined;
  cycleRoot: T | undefined;
  asyncEvaluationOrder: number;
  pendingAsyncDependencies: number;
  readonly asyncParentModules: T[];
  topLevelCapability: Capability | undefined;
  /** [[EvaluationError]]: `failed` says whether it is set (any value, `undefined` too, can be thrown). */
  failed: boolean;
  error: unknown;
}

/** A record InnerModuleEvaluation is visiting: its requests, and how far through them it is. */
interface Frame<T> {
  readonly module: T;
  readonly required: readonly T[];
  i: number;
  /** Whether `required[i]` was entered and its own frame has finished (the recursive call returned). */
  descended: boolean;
}

/** What the evaluator needs of the loader. */
export interface EvaluationHooks<T extends Evaluable<T>> {
  /** The records `record` requests, linked, in the order its requests are written (each once). */
  readonly requested: (record: T) => readonly T[];
  readonly hasTopLevelAwait: (record: T) => boolean;
  /** Runs a synchronous record's body (ExecuteModule()); throws what it throws. */
  readonly execute: (record: T) => void;
  /** Starts an async record's body (ExecuteModule(capability)): settles when the body does. */
  readonly executeAsync: (record: T) => Promise<unknown>;
  /** Called once a record's body has completed normally (for importers that are pushed values). */
  readonly completed: (record: T) => void;
}

export interface Evaluator<T> {
  /** Evaluate(): a promise for the graph under `record` (settled in later jobs, as natively). */
  readonly evaluate: (record: T) => Promise<void>;
  /** The same for a graph the caller knows has no top-level await pending: throws its error. */
  readonly evaluateNow: (record: T) => void;
}

/** [[ModuleAsyncEvaluationCount]] (9.4.1, per agent): orders async records for GatherAvailableAncestors. */
let asyncEvaluationCount = 1;

export const makeEvaluator = <T extends Evaluable<T>>(hooks: EvaluationHooks<T>): Evaluator<T> => {
  const { requested, hasTopLevelAwait, execute, executeAsync, completed } = hooks;

  /**
   * InnerModuleEvaluation(module, stack, index): returns the next DFS index; throws an evaluation
   * error. Iterative, with one frame per record being visited: a recursion would run each body at a
   * stack depth the graph above it chose, so a guest's deep chain of importers (of a module shared
   * from another compartment) could make that module run out of stack and fail for everyone
   * (test/attacks/redteam-graph-depth-poisoning). Bodies run at the same depth whatever the graph.
   */
  const inner = (root: T, stack: T[], index: number): number => {
    let next = index;
    const frames: Frame<T>[] = [];
    /** The steps before the loop over requests; false if `module` needs no visit (done, or on a stack). */
    const enter = (module: T): boolean => {
      if (module.status === 'evaluating-async' || module.status === 'evaluated') {
        if (module.failed) throw module.error;
        return false;
      }
      if (module.status === 'evaluating') return false;
      module.status = 'evaluating';
      module.stack = stack;
      module.dfsIndex = next;
      module.dfsAncestorIndex = next;
      module.pendingAsyncDependencies = 0;
      next += 1;
      stack[stack.length] = module;
      frames[frames.length] = { module, required: requested(module), i: 0, descended: false };
      return true;
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const { module, required } = frame;
      if (frame.i < required.length) {
        if (!frame.descended) {
          frame.descended = true;
          if (enter(required[frame.i])) continue; // its frame is on top: back here once it is done
        }
        frame.descended = false;
        afterRequest(module, required[frame.i], stack);
        frame.i += 1;
        continue;
      }
      frames.length -= 1;
      finish(module, stack);
    }
    return next;
  };

  /** InnerModuleEvaluation's steps after the recursive call for one of `module`'s requests. */
  const afterRequest = (module: T, required: T, stack: T[]): void => {
    let dependency = required;
    if (dependency.status === 'evaluating') {
      // On an outer evaluation's stack (see `stack` above): neither in this one's cycles nor awaited.
      if (dependency.stack !== stack) return;
      module.dfsAncestorIndex = mathMin(module.dfsAncestorIndex, dependency.dfsAncestorIndex);
    } else {
      // A finished cycle is waited for as a whole: through its root.
      dependency = dependency.cycleRoot ?? dependency;
      if (dependency.failed) throw dependency.error;
    }
    if (dependency.asyncEvaluationOrder > 0) {
      module.pendingAsyncDependencies += 1;
      dependency.asyncParentModules[dependency.asyncParentModules.length] = module;
    }
  };

  /** InnerModuleEvaluation's steps after the loop over requests: run it (or start it), close its component. */
  const finish = (module: T, stack: T[]): void => {
    if (module.pendingAsyncDependencies > 0 || hasTopLevelAwait(module)) {
      module.asyncEvaluationOrder = asyncEvaluationCount;
      asyncEvaluationCount += 1;
      if (module.pendingAsyncDependencies === 0) executeAsyncModule(module);
    } else {
      execute(module);
      completed(module);
    }
    if (module.dfsAncestorIndex === module.dfsIndex) {
      // The root of a strongly connected component: the component is done (or pending as one).
      for (;;) {
        const member = stack[stack.length - 1];
        stack.length -= 1;
        member.status = member.asyncEvaluationOrder === UNSET ? 'evaluated' : 'evaluating-async';
        member.stack = undefined;
        member.cycleRoot = module;
        if (member === module) break;
      }
    }
  };

  /** ExecuteAsyncModule(module): its body runs now, up to its first await; the rest in later jobs. */
  const executeAsyncModule = (module: T): void => {
    let body: Promise<unknown>;
    try {
      body = executeAsync(module);
    } catch (error) {
      body = new Promise<unknown>((_, reject) => reject(error));
    }
    promiseThen(
      body,
      () => {
        completed(module);
        fulfilled(module);
      },
      error => rejected(module, error),
    );
  };

  /**
   * GatherAvailableAncestors(module, execList): the importers that can run now that `module` has.
   * Iterative (a worklist instead of the spec's recursion, same set: execList is sorted after), so
   * that a long chain of importers cannot exhaust the stack in the job that settles `module` and
   * leave the others waiting forever (test/attacks/redteam-module-evaluation, "parent chain").
   */
  const gather = (module: T, execList: T[]): void => {
    const listed = new Map<T, true>();
    const todo: T[] = [module];
    while (todo.length > 0) {
      const parents = todo[todo.length - 1].asyncParentModules;
      todo.length -= 1;
      for (let i = 0; i < parents.length; i += 1) {
        const parent = parents[i];
        if (mapGet(listed, parent) === true || (parent.cycleRoot ?? parent).failed) continue;
        parent.pendingAsyncDependencies -= 1;
        if (parent.pendingAsyncDependencies === 0) {
          execList[execList.length] = parent;
          mapSet(listed, parent, true);
          if (!hasTopLevelAwait(parent)) todo[todo.length] = parent;
        }
      }
    }
  };

  /** AsyncModuleExecutionFulfilled(module): runs, in [[AsyncEvaluationOrder]], the importers now free to run. */
  const fulfilled = (module: T): void => {
    if (module.status === 'evaluated') return; // failed meanwhile (an evaluation error of its cycle)
    module.asyncEvaluationOrder = DONE;
    module.status = 'evaluated';
    if (module.topLevelCapability !== undefined) module.topLevelCapability.resolve();
    const execList: T[] = [];
    gather(module, execList);
    // Sorted by the order in which they became async (stable insertion sort; no comparator calls out).
    for (let i = 1; i < execList.length; i += 1) {
      const item = execList[i];
      let j = i - 1;
      while (j >= 0 && execList[j].asyncEvaluationOrder > item.asyncEvaluationOrder) {
        execList[j + 1] = execList[j];
        j -= 1;
      }
      execList[j + 1] = item;
    }
    for (let i = 0; i < execList.length; i += 1) {
      const m = execList[i];
      if (m.status === 'evaluated') continue; // failed as an importer of one that failed before it
      if (hasTopLevelAwait(m)) {
        executeAsyncModule(m);
        continue;
      }
      try {
        execute(m);
      } catch (error) {
        rejected(m, error);
        continue;
      }
      completed(m);
      m.asyncEvaluationOrder = DONE;
      m.status = 'evaluated';
      if (m.topLevelCapability !== undefined) m.topLevelCapability.resolve();
    }
  };

  /**
   * AsyncModuleExecutionRejected(module, error): the error of every importer waiting for it. The
   * spec's recursion as a depth-first walk with its own stack (parents pushed last to first, so
   * capabilities are rejected in the same order), for the reason `gather` gives.
   */
  const rejected = (module: T, error: unknown): void => {
    const todo: T[] = [module];
    while (todo.length > 0) {
      const m = todo[todo.length - 1];
      todo.length -= 1;
      if (m.status === 'evaluated') continue;
      m.failed = true;
      m.error = error;
      m.status = 'evaluated';
      m.asyncEvaluationOrder = DONE;
      // Leaf to root, as the promises of fulfilled modules settle (ES2025; Node 20 rejects the
      // importers' promises first: test262's rejection-order).
      if (m.topLevelCapability !== undefined) m.topLevelCapability.reject(error);
      const parents = m.asyncParentModules;
      for (let i = parents.length - 1; i >= 0; i -= 1) todo[todo.length] = parents[i];
    }
  };

  /** Evaluate() steps 9's error path: every record still on the stack keeps the error. */
  const abandon = (stack: T[], error: unknown): void => {
    for (let i = 0; i < stack.length; i += 1) {
      const m = stack[i];
      m.status = 'evaluated';
      m.failed = true;
      m.error = error;
      m.stack = undefined;
      m.cycleRoot = m;
    }
    stack.length = 0;
  };

  /** Evaluate() step 3: a record that has run (or is running async) is waited for through its cycle root. */
  const rootOf = (record: T): T =>
    record.status === 'evaluating-async' || record.status === 'evaluated' ? (record.cycleRoot ?? record) : record;

  const evaluate = (record: T): Promise<void> => {
    const module = rootOf(record);
    // Running in an outer evaluation (see `stack`): taken as it is, as a cycle would be.
    if (module.status === 'evaluating') return new Promise<void>(resolve => resolve());
    if (module.topLevelCapability !== undefined) return module.topLevelCapability.promise;
    let resolve: () => void = () => undefined;
    let reject: (error: unknown) => void = () => undefined;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    module.topLevelCapability = { promise, resolve, reject };
    const stack: T[] = [];
    try {
      inner(module, stack, 0);
    } catch (error) {
      abandon(stack, error);
      reject(error);
      return promise;
    }
    if (module.status === 'evaluated') resolve();
    return promise;
  };

  const evaluateNow = (record: T): void => {
    const stack: T[] = [];
    try {
      inner(rootOf(record), stack, 0);
    } catch (error) {
      abandon(stack, error);
      throw error;
    }
  };

  return { evaluate, evaluateNow };
};
