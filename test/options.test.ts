// Unit: lockdown option validation (no lockdown is run): every option, every bad value, unknown
// options, accessor options, and LOCKDOWN_* environment variables.
import test from 'ava';
import { resolveOptions } from '../src/lockdown/options.js';

const table: Record<string, string[]> = {
  errorTaming: ['safe', 'unsafe', 'unsafe-debug'],
  errorTrapping: ['platform', 'none', 'report', 'abort', 'exit'],
  reporting: ['platform', 'console', 'none'],
  unhandledRejectionTrapping: ['report', 'none'],
  regExpTaming: ['safe', 'unsafe'],
  localeTaming: ['safe', 'unsafe'],
  consoleTaming: ['safe', 'unsafe'],
  overrideTaming: ['moderate', 'min', 'severe'],
  stackFiltering: ['concise', 'omit-frames', 'shorten-paths', 'verbose'],
  domainTaming: ['safe', 'unsafe'],
  evalTaming: ['safe-eval', 'unsafe-eval', 'no-eval'],
  legacyRegeneratorRuntimeTaming: ['safe', 'unsafe-ignore'],
  __hardenTaming__: ['safe', 'unsafe'],
};

test('defaults are those of ses 2.3', t => {
  const { resolved } = resolveOptions(undefined);
  for (const [name, values] of Object.entries(table)) t.is((resolved as any)[name], values[0], name);
  t.deepEqual(resolved.overrideDebug, []);
});

for (const [name, values] of Object.entries(table)) {
  test(`option ${name}: every accepted value resolves to itself`, t => {
    for (const value of values) t.is((resolveOptions({ [name]: value }).resolved as any)[name], value);
  });
  test(`option ${name}: bad values throw a TypeError naming the option and listing the values`, t => {
    for (const bad of ['SAFE', '', 'nope', 1, null, true, {}, [], Symbol('x'), () => 'safe']) {
      const error = t.throws(() => resolveOptions({ [name]: bad }), { instanceOf: TypeError });
      t.true(error!.message.includes(`"${name}"`), error!.message);
      for (const value of values) t.true(error!.message.includes(JSON.stringify(value)), error!.message);
      t.regex(error!.message, /\(PF_BAD_OPTION_VALUE\)$/);
    }
  });
}

test('deprecated camelCase evalTaming spellings are accepted as in ses', t => {
  t.is(resolveOptions({ evalTaming: 'noEval' }).resolved.evalTaming, 'no-eval');
  t.is(resolveOptions({ evalTaming: 'unsafeEval' }).resolved.evalTaming, 'unsafe-eval');
});

test('an unknown option is rejected, listing the accepted ones (ses ignores it; we do not)', t => {
  const error = t.throws(() => resolveOptions({ errorTamming: 'safe' }), { instanceOf: TypeError });
  t.regex(error!.message, /unknown option "errorTamming".*errorTaming.*\(PF_UNKNOWN_OPTION\)/);
  t.throws(() => resolveOptions({ [Symbol('x')]: 1 }), { message: /unknown option of kind symbol/ });
});

test('options must be an object', t => {
  for (const bad of [null, 1, 'safe', () => {}]) {
    t.throws(() => resolveOptions(bad), { instanceOf: TypeError, message: /PF_BAD_OPTIONS/ });
  }
});

test('an accessor option is rejected without calling its getter', t => {
  let called = 0;
  const options = Object.defineProperty({}, 'errorTaming', {
    get() {
      called += 1;
      return 'safe';
    },
    enumerable: true,
  });
  t.throws(() => resolveOptions(options), { message: /accessor/ });
  t.is(called, 0);
});

test('inherited option properties are ignored (only own properties count)', t => {
  const options = Object.create({ errorTaming: 'bogus' });
  t.is(resolveOptions(options).resolved.errorTaming, 'safe');
});

test('overrideDebug must be an array of strings', t => {
  t.deepEqual(resolveOptions({ overrideDebug: ['constructor'] }).resolved.overrideDebug, ['constructor']);
  t.throws(() => resolveOptions({ overrideDebug: 'constructor' }), { message: /overrideDebug/ });
  t.throws(() => resolveOptions({ overrideDebug: [1] }), { message: /overrideDebug/ });
});

test('deprecated dateTaming/mathTaming are accepted and reported as deprecated', t => {
  t.deepEqual(resolveOptions({ dateTaming: 'safe', mathTaming: 'unsafe' }).deprecated, ['dateTaming', 'mathTaming']);
});

test('LOCKDOWN_* environment variables supply defaults; explicit options win', t => {
  process.env.LOCKDOWN_ERROR_TAMING = 'unsafe';
  process.env.LOCKDOWN_OVERRIDE_DEBUG = 'constructor,,toString';
  try {
    const { resolved } = resolveOptions({});
    t.is(resolved.errorTaming, 'unsafe');
    t.deepEqual(resolved.overrideDebug, ['constructor', 'toString']);
    t.is(resolveOptions({ errorTaming: 'safe' }).resolved.errorTaming, 'safe');
    process.env.LOCKDOWN_ERROR_TAMING = 'bogus';
    t.throws(() => resolveOptions({}), { message: /LOCKDOWN_ERROR_TAMING.*PF_BAD_ENVIRONMENT_OPTION/ });
  } finally {
    delete process.env.LOCKDOWN_ERROR_TAMING;
    delete process.env.LOCKDOWN_OVERRIDE_DEBUG;
  }
});
