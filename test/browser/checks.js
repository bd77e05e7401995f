// Shared by the pages in this folder (served by test/browser-umd.test.ts, not bundled): runs named
// checks, shows them as a table, and publishes the results as JSON in <pre id="results"> for the
// test to read. Plain browser script, loaded before Permafrost, so it captures what it uses first.
'use strict';
(() => {
  const results = [];
  const stringify = JSON.stringify;
  const show = value => (typeof value === 'string' ? value : stringify(value));
  const element = (tag, id) => {
    const made = document.createElement(tag);
    if (id) made.id = id;
    return made;
  };
  let table;
  const row = (cells, ok) => {
    const tr = element('tr');
    tr.className = ok ? 'ok' : 'bad';
    for (const cell of cells) {
      const td = element('td');
      td.textContent = cell;
      tr.append(td);
    }
    table.append(tr);
  };
  /** Runs `run` and compares what it returned (or the name of what it threw) with `expected`. */
  const check = (name, expected, run) => {
    let got;
    try {
      got = show(run());
    } catch (error) {
      got = `threw ${error && error.name}`;
    }
    const ok = got === show(expected);
    results.push({ name, expected: show(expected), got, ok });
    row([ok ? '✔' : '✘', name, show(expected), got], ok);
  };
  /** Adds the summary, the table of checks and the results to the page, runs `body(check)`. */
  const runChecks = body => {
    const summary = element('p', 'summary');
    table = element('table', 'checks');
    const out = element('pre', 'results');
    document.body.append(summary, table, out);
    let failure = null;
    try {
      body(check);
    } catch (error) {
      failure = String(error);
    }
    const failed = results.filter(r => !r.ok).length;
    summary.textContent = failure ? `failed to run: ${failure}` : `${results.length - failed} of ${results.length} checks passed`;
    out.textContent = stringify({ error: failure, results });
  };
  window.runChecks = runChecks;
})();
