// Unit: chooseReporter() and reportInGroup(), with the global console swapped for a recording one
// (reporters must use the console that is global when they report, not the one at creation).
import test from 'ava';
import { chooseReporter, reportInGroup } from '../src/lockdown/reporting.js';

const withRecordingConsole = (body: () => void): [string, unknown[]][] => {
  const calls: [string, unknown[]][] = [];
  const original = globalThis.console;
  const recorder: any = {};
  for (const name of ['log', 'warn', 'error', 'groupCollapsed', 'groupEnd']) recorder[name] = (...args: unknown[]) => calls.push([name, args]);
  globalThis.console = recorder;
  try {
    body();
  } finally {
    globalThis.console = original;
  }
  return calls;
};

test("'none' reports nothing", t => {
  const reporter = chooseReporter('none');
  const calls = withRecordingConsole(() => {
    reporter.groupCollapsed?.('label');
    reporter.warn('w');
    reporter.error('e');
    reporter.groupEnd?.();
  });
  t.deepEqual(calls, []);
});

test("'console' uses the current console's own methods, groups included", t => {
  const reporter = chooseReporter('console'); // made before the console is swapped
  const calls = withRecordingConsole(() => {
    reporter.groupCollapsed?.('label');
    reporter.warn('w', 1);
    reporter.error('e');
    reporter.groupEnd?.();
  });
  t.deepEqual(calls, [
    ['groupCollapsed', ['label']],
    ['warn', ['w', 1]],
    ['error', ['e']],
    ['groupEnd', []],
  ]);
});

test("'platform' on Node sends everything to console.error, indenting inside a group", t => {
  const reporter = chooseReporter('platform');
  const calls = withRecordingConsole(() => {
    reporter.warn('before');
    reporter.groupCollapsed?.('label');
    reporter.warn('inside');
    reporter.groupEnd?.();
    reporter.error('after');
  });
  t.deepEqual(calls, [
    ['error', ['before']],
    ['error', ['label']],
    ['error', [' ', 'inside']],
    ['error', ['after']],
  ]);
  const byDefault = chooseReporter();
  t.deepEqual(withRecordingConsole(() => byDefault.warn('w')), [['error', ['w']]]); // 'platform' is the default
});

test('reportInGroup opens the group only if something is reported, and always closes it', t => {
  const quiet = withRecordingConsole(() => reportInGroup('Removed', chooseReporter('console'), () => 42));
  t.deepEqual(quiet, []);
  const calls = withRecordingConsole(() => {
    t.is(
      reportInGroup('Removed', chooseReporter('console'), r => {
        r.warn('one');
        r.warn('two');
        return 'done';
      }),
      'done',
    );
  });
  t.deepEqual(calls, [
    ['groupCollapsed', ['Removed']],
    ['warn', ['one']],
    ['warn', ['two']],
    ['groupEnd', []],
  ]);
  const thrown = withRecordingConsole(() => {
    t.throws(() =>
      reportInGroup('G', chooseReporter('console'), r => {
        r.error('x');
        throw new Error('inside');
      }),
    );
  });
  t.deepEqual(thrown.at(-1), ['groupEnd', []]);
});
