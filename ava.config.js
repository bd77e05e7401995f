// Tests run over tsc's output (build/), so `npm test` type-checks before anything runs.
// Each test file runs in its own worker, so a file may call lockdown() once at top level.
export default {
  files: ['build/test/**/*.test.js'],
  timeout: '120s',
  workerThreads: false,
};
