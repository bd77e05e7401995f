// Where lockdown's warnings go (the `reporting` option): the current console, stderr on Node
// (through the current console.error, with group labels as indentation), `print`, or nowhere.
// "Current" means the global console at the time of each report, so a console installed later
// (the causal one) is used. No side effects until a reporter is called.
import {
  apply,
  hostImportScripts,
  hostPrint,
  hostWindow,
  isObject,
  reflectGet,
  universalThis,
  arrayConcat,
} from '../commons.js';

export type Reporting = 'platform' | 'console' | 'none';

/** What lockdown reports through: warnings and errors, optionally grouped. */
export interface Reporter {
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  groupCollapsed?(...args: unknown[]): void;
  groupEnd?(): void;
}

type Logger = (...args: unknown[]) => void;

/** Calls `console[name]` of the console that is global now, if it has that method. */
const currentConsole =
  (name: string): Logger =>
  (...args) => {
    const console: unknown = reflectGet(universalThis, 'console');
    const fn: unknown = isObject(console) ? reflectGet(console, name) : undefined;
    if (typeof fn === 'function') apply(fn, console, args);
  };

/** Everything through one printer; a group label is printed, and what follows is indented. */
const printer = (print: Logger): Reporter => {
  let depth = 0;
  const indented = (...args: unknown[]): void => {
    apply(print, undefined, depth > 0 ? arrayConcat([' '], args) : args);
  };
  return {
    warn: indented,
    error: indented,
    groupCollapsed: (...args) => {
      apply(indented, undefined, args);
      depth += 1;
    },
    groupEnd: () => {
      if (depth > 0) depth -= 1;
    },
  };
};

const mute: Logger = () => {};

/** The reporter for the `reporting` option ('platform' by default). */
export const chooseReporter = (reporting: Reporting = 'platform'): Reporter => {
  if (reporting === 'none') return printer(mute);
  if (reflectGet(universalThis, 'console') !== undefined) {
    const onWeb = (hostWindow !== undefined && hostWindow === universalThis) || hostImportScripts !== undefined;
    if (reporting === 'console' || onWeb) {
      return {
        warn: currentConsole('warn'),
        error: currentConsole('error'),
        groupCollapsed: currentConsole('groupCollapsed'),
        groupEnd: currentConsole('groupEnd'),
      };
    }
    // Node.js: everything to stderr, whatever its level, so that stdout stays the program's.
    return printer(currentConsole('error'));
  }
  return printer(hostPrint ?? mute);
};

/** Runs `body` with a reporter that opens the group `label` only if something is reported. */
export const reportInGroup = <T>(label: string, reporter: Reporter, body: (reporter: Reporter) => T): T => {
  let opened = false;
  const open = (): void => {
    if (!opened && reporter.groupCollapsed !== undefined && reporter.groupEnd !== undefined) {
      reporter.groupCollapsed(label);
      opened = true;
    }
  };
  try {
    return body({
      warn: (...args) => {
        open();
        apply(reporter.warn, reporter, args);
      },
      error: (...args) => {
        open();
        apply(reporter.error, reporter, args);
      },
    });
  } finally {
    if (opened) reporter.groupEnd!();
  }
};

/**
 * A reporter that only records, and a `flush` that replays the records into `target`. Lockdown
 * reports through this while it works and flushes once the intrinsics are hardened, so that no
 * foreign code (a console method installed before lockdown) runs while the realm is half tamed.
 */
export const deferReports = (target: Reporter): { reporter: Reporter; flush: () => void } => {
  const records: [keyof Reporter, unknown[]][] = [];
  const record =
    (method: keyof Reporter) =>
    (...args: unknown[]): void => {
      records[records.length] = [method, args];
    };
  const reporter: Reporter = {
    warn: record('warn'),
    error: record('error'),
    groupCollapsed: record('groupCollapsed'),
    groupEnd: record('groupEnd'),
  };
  const flush = (): void => {
    for (let i = 0; i < records.length; i += 1) {
      const method = records[i]![0];
      const args = records[i]![1];
      const fn = target[method];
      if (fn !== undefined) apply(fn, target, args);
    }
    records.length = 0;
  };
  return { reporter, flush };
};
