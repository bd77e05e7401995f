// Rewrites every free reference of analyzed guest code into an access to the compartment's global
// object (or to the evaluation's extra lexical scope), with the semantics of a strict-mode global
// reference (ECMA-262 9.1.1.2, 13.15.2): a property access on a parameter, which engines resolve
// lexically and optimize as native code. Guest code never names anything of the host.
// Assumes findings from analyze-scopes.ts for the same text. No side effects beyond `edits`.
import { jsonStringify, stringCharCodeAt, stringIndexOf, stringSlice } from '../commons.js';
import type { ScopeFindings } from './scope-tracker.js';
import type { SourceEdits } from './source-edits.js';
import {
  REF_ANONYMOUS_VALUE,
  REF_ASSIGN,
  REF_CALLEE,
  REF_COMPOUND,
  REF_DEFAULT,
  REF_KIND_MASK,
  REF_LOGICAL,
  REF_READ,
  REF_SHORTHAND,
  REF_TARGET,
  REF_TYPEOF,
  REF_UPDATE,
} from './reference-kinds.js';

/** The identifiers the rewritten code uses, all absent from the guest's source. */
export interface RewriteNames {
  /** The compartment's global object. */
  readonly global: string;
  /** The frozen helpers (evaluator.ts): `ref`, `set`, `put`. */
  readonly helpers: string;
  /** The extra lexical scope of this evaluation (evaluateExpr endowments, module lexicals). */
  readonly lexicals: string;
  /** The per-evaluation object whose setters are the destructuring targets. */
  readonly targets: string;
}

export interface RewriteOptions {
  /** Names bound in the extra lexical scope (null-prototype set), or null. */
  readonly lexicalNames: Readonly<Record<string, true>> | null;
  /** Assignments to unbound names create global properties (ses's sloppyGlobalsMode). */
  readonly sloppyGlobals: boolean;
  /** For tests only: leave references to this name as they are (see setRewriteFaultForTesting). */
  readonly skipName: string | undefined;
}

/** A name → the setter the targets object needs for it; in first-use order. */
export type TargetNames = string[];

/** Whether `name` is made of ASCII letters, digits, `_` and `$` only (it is an identifier already). */
const isPlainName = (name: string): boolean => {
  for (let i = 0; i < name.length; i += 1) {
    const c = stringCharCodeAt(name, i) | 32; // ASCII letters to lower case
    const letter = c >= 97 && c <= 122;
    const other = stringCharCodeAt(name, i);
    if (!letter && !(other >= 48 && other <= 57) && other !== 95 && other !== 36) return false;
  }
  return true;
};

/** `.x` or `["x"]`: a property access that every engine parses, whatever characters the name has. */
const member = (name: string): string => (isPlainName(name) ? `.${name}` : `[${jsonStringify(name)}]`);

// `undefined`, `NaN` and `Infinity` are non-writable, non-configurable data properties of every
// compartment global: their reads need no existence check and no property load.
const CONSTANT_READS: Readonly<Record<string, string>> = { __proto__: null, undefined: '(void 0)', NaN: '(0/0)', Infinity: '(1/0)' } as unknown as Record<string, string>;

/**
 * Where the assignment operator after an assigned identifier starts. Only whitespace, comments and
 * the `)` of parentheses around the identifier (`(x) = v`) can come between them.
 */
const findOperator = (source: string, from: number, operator: string): number => {
  let p = from;
  while (p < source.length) {
    if (stringCharCodeAt(source, p) === 47 /* / */) {
      const next = stringCharCodeAt(source, p + 1);
      if (next === 42 /* * */) {
        p = stringIndexOf(source, '*/', p + 2) + 2;
        continue;
      }
      if (next === 47 /* / */) {
        while (p < source.length && !isLineTerminator(stringCharCodeAt(source, p))) p += 1;
        continue;
      }
    }
    if (stringSlice(source, p, p + operator.length) === operator) return p;
    p += 1;
  }
  return -1; // not reached: the parser found the operator there
};

const isLineTerminator = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** `{x}` becomes `{x: …}`; `{__proto__}` must not become `{__proto__: …}`, which sets the prototype. */
const shorthandKey = (name: string): string => (name === '__proto__' ? '["__proto__"]: ' : `${name}: `);

/**
 * Adds to `edits` the rewrite of every free reference in `f`, and returns the names whose
 * destructuring/for-in-of targets need a setter on the targets object (rewrite-source.ts makes it).
 */
export const rewriteReferences = (
  source: string,
  f: ScopeFindings,
  edits: SourceEdits,
  names: RewriteNames,
  options: RewriteOptions,
): TargetNames => {
  const targetNames: TargetNames = [];
  const targetSeen: Record<string, true> = { __proto__: null } as unknown as Record<string, true>;
  const { global: g, helpers: r, lexicals: l, targets: w } = names;
  const { lexicalNames, sloppyGlobals, skipName } = options;

  for (let n = 0; n < f.freeReferences.length; n += 1) {
    const i = f.freeReferences[n];
    const name = f.refNames[i];
    const start = f.refStarts[i];
    const end = f.refEnds[i];
    if (start < 0 || name === skipName) continue;
    const kindAndFlags = f.refKinds[i];
    const kind = kindAndFlags & REF_KIND_MASK;
    const auxA = f.refAuxA[i];
    const auxB = f.refAuxB[i];
    const m = member(name);
    const key = jsonStringify(name);
    const shorthand = (kindAndFlags & REF_SHORTHAND) !== 0 ? shorthandKey(name) : '';
    // Wraps are made outer first (their closes then sort after the inner ones: source-edits.ts).
    const wrap = (from: number, to: number, open: string, close: string): void => {
      edits.open(from, open, false);
      edits.close(to, close);
    };
    // NamedEvaluation: `x = function () {}` names the function "x"; an assignment to a property does
    // not, but a property definition does: `({"x": function () {}}).x` is that same function.
    const nameValue = (from: number, to: number): void => {
      if ((kindAndFlags & REF_ANONYMOUS_VALUE) !== 0) wrap(from, to, `({${key}: `, `})${m}`);
    };

    // `x = v`, `x += v`, `x ||= v`: the operator, and where the value starts (after the operator).
    const isAssignment = kind === REF_ASSIGN || kind === REF_COMPOUND || kind === REF_LOGICAL;
    const opStart = isAssignment ? findOperator(source, end, `${f.refOps[i]}=`) : -1;
    const opEnd = opStart + f.refOps[i].length + 1;

    if (lexicalNames !== null && lexicalNames[name] === true) {
      // The extra lexical scope is a private null-prototype copy whose bindings never go away.
      const access = `${l}${m}`;
      if (kind === REF_CALLEE) edits.replace(start, end, `(0, ${access})`);
      else edits.replace(start, end, `${shorthand}${access}`, kind !== REF_READ);
      if (isAssignment) nameValue(opEnd, auxB);
      else if (kind === REF_TARGET && (kindAndFlags & REF_DEFAULT) !== 0) nameValue(auxA, auxB);
      continue;
    }

    const read = CONSTANT_READS[name] ?? `(${key} in ${g} ? ${g}${m} : ${r}.ref(${key}))`;
    switch (kind) {
      case REF_TYPEOF:
        // `typeof x` of an unbound name is 'undefined', without a ReferenceError.
        edits.replace(start, end, `${g}${m}`, true);
        break;
      // Assignments replace the identifier and the operator, and close at the end of the whole
      // assignment expression, which includes parentheses around the value: `x = (a, b)` must not
      // become a call with two arguments.
      case REF_ASSIGN:
        // PutValue on a reference that was unresolvable when the left side was evaluated throws
        // after the right side is evaluated; so does one whose binding went away meanwhile.
        edits.replace(start, end, `${g}${m}`, true);
        if (!sloppyGlobals) {
          edits.replace(opStart, opEnd, `= ${r}.set(${key} in ${g}, ${g}, ${key}, `, true);
          edits.close(auxB, ')');
        }
        nameValue(opEnd, auxB);
        break;
      case REF_COMPOUND: {
        // GetValue throws for an unbound name before the right side is evaluated; PutValue checks again.
        const op = f.refOps[i];
        edits.replace(start, end, `${g}${m}`, true);
        edits.replace(opStart, opEnd, sloppyGlobals ? `= ${read} ${op} (` : `= ${r}.put(${g}, ${key}, ${read} ${op} (`, true);
        edits.close(auxB, sloppyGlobals ? ')' : '))');
        break;
      }
      case REF_LOGICAL:
        // Short-circuits before any write, as `x ||= v` does.
        wrap(auxA, auxB, `(${read} ${f.refOps[i]} (`, sloppyGlobals ? '))' : ')))');
        edits.replace(start, end, `${g}${m}`, true);
        edits.replace(opStart, opEnd, sloppyGlobals ? '= ' : `= ${r}.put(${g}, ${key}, `, true);
        nameValue(opEnd, auxB);
        break;
      case REF_UPDATE:
        wrap(auxA, auxB, `(${key} in ${g} ? `, ` : ${r}.ref(${key}))`);
        edits.replace(start, end, `${g}${m}`, true);
        break;
      case REF_TARGET:
        if (targetSeen[name] !== true) {
          targetSeen[name] = true;
          targetNames[targetNames.length] = name;
        }
        edits.replace(start, end, `${shorthand}${w}${m}`, true);
        if ((kindAndFlags & REF_DEFAULT) !== 0) nameValue(auxA, auxB);
        break;
      default:
        // REF_READ and REF_CALLEE: a conditional expression is a value, not a reference, so a call
        // of it gets an undefined `this`, as a call of a global function does.
        edits.replace(start, end, `${shorthand}${read}`);
    }
  }
  return targetNames;
};

/** The targets object: one setter per name, checking the binding exists unless globals are sloppy. */
export const makeTargetsSource = (targetNames: TargetNames, names: RewriteNames, sloppyGlobals: boolean): string => {
  const { global: g, helpers: r, targets: w } = names;
  let text = `const ${w} = { __proto__: null`;
  for (let i = 0; i < targetNames.length; i += 1) {
    const name = targetNames[i];
    const key = jsonStringify(name);
    const check = sloppyGlobals ? '' : `if (!(${key} in ${g})) ${r}.ref(${key}); `;
    text += `, set [${key}](v) { ${check}${g}${member(name)} = v; }`;
  }
  return `${text} };`;
};
