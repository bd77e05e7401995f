// A deliberately hostile "plugin", written the way real supply-chain attacks are: each entry is
// source text evaluated inside a compartment. It returns what it obtained, or 'blocked' when the
// attempt had no effect; throwing also counts as blocked.
export const attacks: Record<string, string> = {
  'pollute Object.prototype (prototype pollution)': `
    Object.prototype.isAdmin = true; ({}).isAdmin ? 'polluted' : 'blocked'`,
  'replace Array.prototype.map (poison every caller)': `
    Array.prototype.map = () => ['pwned']; 'replaced'`,
  'reach the host through process / require': `
    typeof process === 'undefined' && typeof require === 'undefined' ? 'blocked' : 'reached the host'`,
  'evaluate code via (function(){}).constructor': `
    (function () {}).constructor('return process')()`,
  'evaluate code via the async function constructor': `
    (async () => {}).constructor('return process')`,
  'smuggle a dynamic import() past the checks': `
    eval('imp' + 'ort("node:fs")')`,
  'read the clock (timing side channel)': `Date.now()`,
  'draw entropy (non-determinism)': `Math.random()`,
  "read the host's last regexp match (RegExp.$1)": `RegExp.$1 === undefined ? 'blocked' : RegExp.$1`,
  "read another module's stack through error.stack": `new Error('probe').stack === '' ? 'blocked' : 'stack leaked'`,
  'abuse the logger capability to reach the host': `
    log('hello from the plugin');
    Object.isFrozen(log) && log.constructor !== Function && Object.getPrototypeOf(log) === Function.prototype ? 'blocked' : 'open'`,
};
