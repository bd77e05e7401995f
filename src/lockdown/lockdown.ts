// Orchestrates lockdown() in fixed phases: options → tame → collect intrinsics → enforce the
// whitelist → enable overrides → set the start compartment's globals → harden. Once per realm.
// If a phase fails, the error names the phase and property, and the realm is never reported as
// locked down (and a retry is refused, since the realm may be half tamed).
// Side effects: everything lockdown is for; writes globals only through start-compartment-globals.
import {
  DataView,
  FERAL_EVAL,
  FERAL_FUNCTION,
  Object,
  RegExp,
  arrayForEach,
  arrayMap,
  defineProperty,
  freeze,
  getOwnPropertyDescriptor,
  keys,
  symbolFor,
  universalThis,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import { functionNames, initialGlobals, permits, sharedGlobals, universalGlobals } from '../../whitelist/permits.js';
import { minEnablements, moderateEnablements, severeEnablements } from '../../whitelist/enablements.js';
import type { Harden, LockdownOptions } from '../types.js';
import { makeHardener, tameHarden } from '../harden/make-hardener.js';
import { harden, harden as publicHarden, setHardenImplementation } from '../harden.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { chooseReporter, deferReports, reportInGroup } from './reporting.js';
import { getAnonymousIntrinsics } from './get-anonymous-intrinsics.js';
import { makeIntrinsicsCollector, type IntrinsicRecord } from './intrinsics.js';
import { enforceWhitelist } from './enforce-whitelist.js';
import { makeBuiltinChecker } from './check-builtin-function.js';
import { markOwn, markOwnMethods } from './own-functions.js';
import { enablePropertyOverrides } from './enable-property-overrides.js';
import { tameFunctionConstructors } from './tame-function-constructors.js';
import { checkPrototypeHooks } from './check-prototype-hooks.js';
import { tameDate } from './tame-date.js';
import { tameFunctionToString } from './tame-function-tostring.js';
import { tameFunctionRestrictedProperties } from './tame-function-restricted-properties.js';
import { tameError } from './tame-error.js';
import { tameMath } from './tame-math.js';
import { tameNaN } from './tame-nan.js';
import { tameRegExp } from './tame-regexp.js';
import { tameLocaleMethods } from './tame-locale-methods.js';
import { tameDomain } from './tame-domain.js';
import { tameConsole } from './tame-console.js';
import { tameRegeneratorRuntime } from './tame-regenerator-runtime.js';
import { describeError, isLockdownFailure, lockdownFailure, type LockdownPhase } from './failure.js';
import {
  setStartCompartmentAssert,
  setStartCompartmentConsole,
  setStartCompartmentEvaluators,
  setStartCompartmentGlobals,
} from './start-compartment-globals.js';

type State =
  | { readonly kind: 'pristine' }
  | {
      readonly kind: 'repaired';
      readonly intrinsics: IntrinsicRecord;
      readonly harden: Harden;
      /** Host-facing work that may call host code (process listeners): runs once all is frozen. */
      readonly afterHarden: () => void;
    }
  | { readonly kind: 'locked'; readonly intrinsics: IntrinsicRecord; readonly harden: Harden }
  | { readonly kind: 'failed'; readonly error: unknown };

let state: State = { kind: 'pristine' };

/** Replays what lockdown reported, once the intrinsics are hardened (or lockdown failed). */
let pendingReports: () => void = () => {};
const flushReports = (): void => {
  const flush = pendingReports;
  pendingReports = () => {};
  flush();
};

const enablementsByLevel = {
  min: minEnablements,
  moderate: moderateEnablements,
  severe: severeEnablements,
} as const;

/** Runs one phase; an error it throws is rethrown naming the phase (unless it already does). */
const phase = <T>(name: LockdownPhase, run: () => T): T => {
  try {
    return run();
  } catch (error) {
    if (isLockdownFailure(error)) throw error;
    throw lockdownFailure(name, 'an unexpected error', describeError(error), error);
  }
};

/** Throws if this realm was locked down by this instance, by another copy of Permafrost, or by ses. */
const assertNotLockedDown = (): void => {
  if (state.kind === 'failed') {
    throw makeTypeError('lockdown()', 'a previous lockdown attempt failed part-way; this realm cannot be locked down', codes.LOCKDOWN_FAILED);
  }
  if (state.kind !== 'pristine') {
    throw makeTypeError('lockdown()', 'this realm is already locked down; lockdown() runs once per realm', codes.ALREADY_LOCKED_DOWN);
  }
  const ctor = getOwnPropertyDescriptor(FERAL_FUNCTION.prototype, 'constructor');
  const priorHarden = getOwnPropertyDescriptor(Object, symbolFor('harden'));
  if ((ctor !== undefined && ctor.value !== FERAL_FUNCTION) || priorHarden !== undefined) {
    throw makeTypeError(
      'lockdown()',
      'this realm was already locked down or hardened by another instance (another copy of Permafrost, ses or @endo/harden)',
      codes.MULTIPLE_INSTANCES,
    );
  }
};

/** Tames and whitelists the realm's intrinsics without hardening them (ses's repairIntrinsics). */
export const repairIntrinsics = (options?: LockdownOptions): void => {
  // First the state: a compartment calling the shared `lockdown` must learn nothing of the host,
  // such as its LOCKDOWN_* environment variables, from an options error.
  assertNotLockedDown();
  const { resolved, deprecated } = resolveOptions(options); // throws before any change
  try {
    state = repair(resolved, deprecated);
  } catch (error) {
    state = { kind: 'failed', error };
    flushReports();
    throw error;
  }
};

/** Hardens everything repairIntrinsics collected (ses's hardenIntrinsics). Returns harden. */
export const hardenIntrinsics = (): Harden => {
  if (state.kind !== 'repaired') {
    if (state.kind === 'locked') {
      throw makeTypeError('hardenIntrinsics()', 'already hardened', codes.ALREADY_LOCKED_DOWN);
    }
    throw makeTypeError('hardenIntrinsics()', 'call repairIntrinsics() first', codes.NOT_LOCKED_DOWN);
  }
  const { intrinsics, harden, afterHarden } = state;
  try {
    phaseHarden(intrinsics, harden);
    freeze(intrinsics); // the record itself: Compartment reads shared globals from it
    afterHarden();
  } catch (error) {
    state = { kind: 'failed', error };
    flushReports();
    throw error;
  }
  state = { kind: 'locked', intrinsics, harden };
  flushReports();
  return publicHarden;
};

/** Turns this realm into a hardened one. See docs/lockdown.md. */
export const lockdown = (options?: LockdownOptions): void => {
  repairIntrinsics(options);
  hardenIntrinsics();
};
// Our own functions that the whitelist names (%Lockdown%, %Harden%) are not built-ins.
markOwn(lockdown, harden);

/** The harden function installed by lockdown, or undefined before lockdown. */
export const getLockdownHarden = (): Harden | undefined => (state.kind === 'locked' ? state.harden : undefined);

/** The collected intrinsics after lockdown (for Compartment and tests), or undefined before. */
export const getIntrinsics = (): IntrinsicRecord | undefined =>
  state.kind === 'locked' || state.kind === 'repaired' ? state.intrinsics : undefined;

const repair = (options: ResolvedOptions, deprecated: string[]): State => {
  // Reports wait until the realm is hardened (see deferReports): a console installed before
  // lockdown must not run while the realm is half tamed. Override debugging reports later, live.
  const liveReporter = chooseReporter(options.reporting);
  const { reporter, flush } = deferReports(liveReporter);
  pendingReports = flush;
  arrayForEach(deprecated, name => reporter.warn(`lockdown(): option "${name}" is deprecated and does nothing`));

  // Phase: tame. Host-level powers first, then each intrinsic that needs a new shape.
  const tamed = phase('tame', () => {
    checkPrototypeHooks();
    tameDomain(options.domainTaming);
    const anonymous = getAnonymousIntrinsics();
    // The original generator/async constructors, about to be replaced: they must never appear
    // anywhere on the whitelist afterwards.
    const originalFunctionConstructors = arrayMap(
      [anonymous['%Generator%'], anonymous['%AsyncFunctionPrototype%'], anonymous['%AsyncGenerator%']],
      proto => (proto === undefined ? undefined : getOwnPropertyDescriptor(proto, 'constructor')?.value) as object,
    );
    const functionConstructors = tameFunctionConstructors({
      '%FunctionPrototype%': FERAL_FUNCTION.prototype,
      '%Generator%': anonymous['%Generator%']!,
      '%AsyncFunctionPrototype%': anonymous['%AsyncFunctionPrototype%']!,
      '%AsyncGenerator%': anonymous['%AsyncGenerator%']!,
    });
    tameFunctionRestrictedProperties(FERAL_FUNCTION.prototype, anonymous['%ThrowTypeError%']);
    tameFunctionToString(FERAL_FUNCTION.prototype);
    const date = tameDate();
    const error = tameError(options.errorTaming, options.stackFiltering);
    // Both Error constructors are fresh functions whose every property tameError defined.
    markOwn(error['%InitialError%'], error['%SharedError%'], error['%InitialGetStackString%']);
    markOwnMethods(error['%InitialError%']);
    markOwnMethods(error['%SharedError%']);
    const math = tameMath();
    tameNaN(DataView.prototype);
    tameRegExp(RegExp.prototype, options.regExpTaming);
    const { harden: safeHarden } = makeHardener();
    const hardenImplementation = tameHarden(safeHarden, options.__hardenTaming__);
    installHardenSymbol(harden);
    return { anonymous, functionConstructors, date, error, math, hardenImplementation, originalFunctionConstructors };
  });

  // Phase: collect intrinsics, from the tamings, the anonymous finder and the globals.
  const intrinsics = phase('collect intrinsics', () => {
    const collector = makeIntrinsicsCollector(permits);
    collector.addIntrinsics(tamed.anonymous);
    collector.addIntrinsics(tamed.functionConstructors);
    collector.addIntrinsics({
      '%InitialDate%': tamed.date['%InitialDate%'],
      '%SharedDate%': tamed.date['%SharedDate%'],
      '%InitialError%': tamed.error['%InitialError%'],
      '%SharedError%': tamed.error['%SharedError%'],
      '%InitialGetStackString%': tamed.error['%InitialGetStackString%'],
      ...tamed.math,
      '%InitialFunction%': FERAL_FUNCTION,
      '%Harden%': harden,
      '%Lockdown%': lockdown,
    });
    collector.addGlobals(universalThis, universalGlobals);
    collector.addGlobals(universalThis, initialGlobals);
    collector.addGlobals(universalThis, sharedGlobals);
    collector.completeIntrinsics();
    return collector.intrinsics;
  });

  // Phase: tame what needs the whole collection (locale methods across prototypes).
  phase('tame', () => tameLocaleMethods(intrinsics, options.localeTaming));

  // Phase: enforce the whitelist; report what was removed.
  phase('enforce whitelist', () => {
    const checkBuiltin = makeBuiltinChecker(tamed.originalFunctionConstructors);
    const removals = enforceWhitelist(intrinsics, permits, checkBuiltin, functionNames);
    reportInGroup(`lockdown(): removing properties not on the whitelist`, reporter, group =>
      arrayForEach(removals, ({ path }) => group.warn(`removed ${path}`)),
    );
  });

  // Phase: turn the chosen data properties into override-enabling accessors (the regenerator
  // taming first: it turns %IteratorPrototype%[@@iterator] into an accessor of its own).
  phase('enable overrides', () => tameRegeneratorRuntime(intrinsics, options.legacyRegeneratorRuntimeTaming));
  phase('enable overrides', () =>
    enablePropertyOverrides(intrinsics, enablementsByLevel[options.overrideTaming], options.overrideDebug, (path, _heir) =>
      liveReporter.warn(`lockdown(): overriding ${path} (overrideDebug)`),
    ),
  );

  // Phase: the start compartment's globals, console and evaluators.
  phase('tame', () => {
    setStartCompartmentGlobals(intrinsics, universalGlobals);
    setStartCompartmentGlobals(intrinsics, initialGlobals);
    setStartCompartmentEvaluators(options.evalTaming, intrinsics);
    setStartCompartmentAssert(options.errorTaming);
  });

  // Only now, with every phase of the repair done, does `harden` start working.
  setHardenImplementation(tamed.hardenImplementation);
  // The console and error traps talk to the host (process listeners, which host code may have
  // hooked): that waits until the intrinsics are frozen.
  const afterHarden = (): void => {
    const { console } = tameConsole(
      options.consoleTaming,
      options.errorTrapping,
      options.unhandledRejectionTrapping,
      options.errorTaming === 'safe' ? tamed.error['%InitialGetStackString%'] : undefined,
    );
    if (options.consoleTaming === 'safe') setStartCompartmentConsole(console);
  };
  return { kind: 'repaired', intrinsics, harden: tamed.hardenImplementation, afterHarden };
};

/** Installs `Object[Symbol.for('harden')]`, refusing if some other harden got there first. */
const installHardenSymbol = (harden: Harden): void => {
  const key = symbolFor('harden');
  if (getOwnPropertyDescriptor(Object, key) !== undefined) {
    throw lockdownFailure('tame', 'Object[Symbol.for("harden")]', 'a harden from another library is already installed');
  }
  defineProperty(Object, key, { value: harden, writable: false, enumerable: false, configurable: false });
};

/** Phase: harden every intrinsic, and the host's own evaluators. */
const phaseHarden = (intrinsics: IntrinsicRecord, harden: Harden): void => {
  const names = keys(intrinsics);
  for (let i = 0; i < names.length; i += 1) harden(intrinsics[names[i]!]);
  harden(FERAL_EVAL);
  harden(universalThis.eval);
  harden(universalThis.Function);
};
