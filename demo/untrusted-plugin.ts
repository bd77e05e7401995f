// A deliberately hostile "plugin", written the way real supply-chain attacks are: it tries to
// poison shared prototypes, smuggle code through the Function constructor, and read other code's
// regexp matches and stacks. Each attempt returns what it obtained (or throws when blocked).
export const attacks: Record<string, () => unknown> = {
  'pollute Object.prototype (prototype pollution)': () => {
    (Object.prototype as any).isAdmin = true;
    return ({} as any).isAdmin;
  },
  'replace Array.prototype.map (poison every caller)': () => {
    (Array.prototype as any).map = () => ['pwned'];
    return [1, 2].map(x => x * 2);
  },
  'replace JSON.parse (steal every parsed secret)': () => {
    (JSON as any).parse = () => ({ stolen: true });
    return JSON.parse('{"a":1}');
  },
  'evaluate code via (function(){}).constructor': () => (function () {}).constructor('return process')(),
  'evaluate code via the generator constructor': () =>
    Object.getPrototypeOf(function* () {}).constructor('yield process')().next().value,
  "read the host's last regexp match (RegExp.$1)": () => (RegExp as any).$1,
  "read another module's stack through error.stack": () => new Error('probe').stack,
};
