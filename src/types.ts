// The curated public types of Permafrost: everything a user of the package can name.
// Pure types, no runtime code.

/** Options of `lockdown()` and `repairIntrinsics()`: same names, values and defaults as ses 2.3. */
export interface LockdownOptions {
  /** 'safe' (default) hides stacks from `error.stack`; 'unsafe' shows them; 'unsafe-debug' also keeps V8's stack APIs. */
  errorTaming?: 'safe' | 'unsafe' | 'unsafe-debug';
  /** What to do with an uncaught exception (Node: process 'uncaughtException'). Default 'platform'. */
  errorTrapping?: 'platform' | 'none' | 'report' | 'abort' | 'exit';
  /** Where lockdown reports what it removed or warns about. Default 'platform'. */
  reporting?: 'platform' | 'console' | 'none';
  /** Whether unhandled rejections are reported through the causal console. Default 'report'. */
  unhandledRejectionTrapping?: 'report' | 'none';
  /** 'safe' (default) removes `RegExp.prototype.compile`; legacy statics are always removed. */
  regExpTaming?: 'safe' | 'unsafe';
  /** 'safe' (default) makes every `toLocale*`/`localeCompare` on shared prototypes locale-independent. */
  localeTaming?: 'safe' | 'unsafe';
  /** 'safe' (default) installs a causal console that shows hidden stacks without calling guest code. */
  consoleTaming?: 'safe' | 'unsafe';
  /** Which data properties become override-enabling accessor pairs. Default 'moderate'. */
  overrideTaming?: 'moderate' | 'min' | 'severe';
  /** Property names for which overriding assignments are logged with a stack. */
  overrideDebug?: readonly string[];
  /** How much of a stack the causal console shows. Default 'concise'. */
  stackFiltering?: 'concise' | 'omit-frames' | 'shorten-paths' | 'verbose';
  /** 'safe' (default) refuses to lock down if Node's `domain` module is in use, and blocks it after. */
  domainTaming?: 'safe' | 'unsafe';
  /** What the start compartment's `eval` and `Function` become. Default 'safe-eval'. */
  evalTaming?: 'safe-eval' | 'unsafe-eval' | 'no-eval';
  /** 'unsafe-ignore' tolerates the regenerator-runtime's assignment to `Iterator.prototype`. Default 'safe'. */
  legacyRegeneratorRuntimeTaming?: 'safe' | 'unsafe-ignore';
  /** 'unsafe' makes `harden` only mark objects, for performance experiments. Default 'safe'. */
  __hardenTaming__?: 'safe' | 'unsafe';
  /** Deprecated in ses and ignored (a warning is reported). */
  dateTaming?: unknown;
  /** Deprecated in ses and ignored (a warning is reported). */
  mathTaming?: unknown;
}

/** Transitively freezes `root`'s graph of own properties and prototypes, and returns `root`. */
export type Harden = <T>(root: T) => T;

/** A record of intrinsics by name, e.g. `'%ArrayPrototype%'`. */
export type Intrinsics = Readonly<Record<string, unknown>>;
