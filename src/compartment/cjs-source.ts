// `CjsModuleSource`: a CommonJS module for compartments. Its text is the body of a function of
// (exports, require, module, __filename, __dirname), validated like any `new Function` body
// (analyze-source.ts) and run in strict mode, as everything in a compartment. A static analysis on
// acorn's AST finds what an ES module importing it can name, as Node's cjs-module-lexer does:
// `exports.x =`, `module.exports.x =`, `Object.defineProperty(exports, 'x', …)`, the keys of
// `module.exports = { … }`, and re-exports (`module.exports = require('y')`, `__exportStar`).
// Literal `require('y')` calls are the module's imports: loaded ahead, run when required.
// No side effects; the text is kept privately.
import type { Node as AcornNode } from 'acorn';
import { WeakMap, WeakSet, weaksetAdd, weaksetHas, freeze, jsonParse, keys, kindOf, stringSlice, stringStartsWith, weakmapGet, weakmapSet } from '../commons.js';
import { codes, makeSyntaxError, makeTypeError } from '../errors.js';
import { analyzeFunctionSourceWithTree } from './analyze-source.js';
import { layoutFunction } from './function-source.js';
import { parseText } from './parse-source.js';
import { markOwn } from '../lockdown/own-functions.js';
import { checkSourceArguments } from './module-source.js';

export const CJS_PARAMETERS = 'exports, require, module, __filename, __dirname';

export interface CjsRecord {
  /** The function body (a leading hashbang made a comment). */
  readonly body: string;
  readonly location: string | undefined;
  readonly imports: readonly string[];
  /** Names detected statically, in first-seen order (`default` left out: it is `module.exports`). */
  readonly exports: readonly string[];
  /** Specifiers whose exports this module passes on. */
  readonly reexports: readonly string[];
}

const records = new WeakMap<object, CjsRecord>();

export const cjsSourceRecord = (value: unknown): CjsRecord | undefined =>
  typeof value === 'object' && value !== null ? weakmapGet(records, value) : undefined;

type N = AcornNode & Record<string, unknown>;

const jsonSources = new WeakSet<object>();
const markJson = (source: object): object => {
  freeze(source);
  weaksetAdd(jsonSources, source);
  return source;
};
/** Whether `value` came from makeJsonModuleSource (`require` of it gives the value, as in Node). */
export const isJsonModuleSource = (value: unknown): boolean => typeof value === 'object' && value !== null && weaksetHas(jsonSources, value);

/** JSON text as a module: `default` is a fresh `JSON.parse` of it in each instance. */
export const makeJsonModuleSource = (text: unknown): object => {
  if (typeof text !== 'string') {
    throw makeTypeError('makeJsonModuleSource()', `text must be a string, got a value of kind ${kindOf(text)}`, codes.SOURCE_NOT_STRING);
  }
  jsonParse(text); // throws SyntaxError now for malformed JSON
  return markJson({
    imports: freeze([]),
    exports: freeze(['default']),
    execute(target: Record<string, unknown>): void {
      target.default = jsonParse(text);
    },
  });
};

const isIdentifier = (node: unknown, name: string): boolean =>
  (node as N | null)?.type === 'Identifier' && (node as N).name === name;

/** `exports` or `module.exports`. */
const isExportsObject = (node: unknown): boolean => {
  if (isIdentifier(node, 'exports')) return true;
  const n = node as N | null;
  return n?.type === 'MemberExpression' && isIdentifier(n.object, 'module') && propertyName(n) === 'exports';
};

/** The name of `o.name` or `o['name']`, or undefined. */
const propertyName = (member: N): string | undefined => {
  const p = member.property as N;
  if (member.computed !== true) return p.type === 'Identifier' ? (p.name as string) : undefined;
  return stringLiteral(p);
};

const stringLiteral = (node: unknown): string | undefined => {
  const n = node as N | null;
  if (n?.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n?.type === 'TemplateLiteral' && (n.expressions as unknown[]).length === 0) {
    const quasi = (n.quasis as N[])[0];
    const cooked = (quasi.value as { cooked?: unknown }).cooked;
    return typeof cooked === 'string' ? cooked : undefined;
  }
  return undefined;
};

/** `require('x')` → 'x'. */
const requireCall = (node: unknown): string | undefined => {
  const n = node as N | null;
  if (n?.type !== 'CallExpression' || !isIdentifier(n.callee, 'require')) return undefined;
  const args = n.arguments as unknown[];
  return args.length === 1 ? stringLiteral(args[0]) : undefined;
};

/** Finds a CommonJS body's requires and exports in `root`: the tree of the body's whole function (layoutFunction). */
const analyzeCjs = (root: object): Pick<CjsRecord, 'imports' | 'exports' | 'reexports'> => {
  const imports: string[] = [];
  const exportNames: string[] = [];
  const reexports: string[] = [];
  const seen = { __proto__: null } as unknown as Record<string, true>;
  const add = (list: string[], tag: string, value: string): void => {
    if (seen[tag + value] === true) return;
    seen[tag + value] = true;
    list[list.length] = value;
  };
  const exportName = (name: string | undefined): void => {
    if (name !== undefined && name !== 'default') add(exportNames, 'e:', name);
  };
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1] as N;
    stack.length -= 1;
    if (typeof node !== 'object' || node === null) continue;
    const required = requireCall(node);
    if (required !== undefined) add(imports, 'i:', required);
    if (node.type === 'AssignmentExpression' && (node.left as N).type === 'MemberExpression') {
      const left = node.left as N;
      if (isExportsObject(left.object)) exportName(propertyName(left));
      if (isExportsObject(left) && !isIdentifier(left, 'exports')) {
        // module.exports = …
        const right = node.right as N;
        const passed = requireCall(right);
        if (passed !== undefined) add(reexports, 'r:', passed);
        if (right.type === 'ObjectExpression') {
          const props = right.properties as N[];
          for (let i = 0; i < props.length; i += 1) {
            const p = props[i];
            if (p.type === 'SpreadElement') {
              const spread = requireCall(p.argument);
              if (spread !== undefined) add(reexports, 'r:', spread);
            } else if (p.computed !== true) {
              const key = p.key as N;
              exportName(key.type === 'Identifier' ? (key.name as string) : stringLiteral(key));
            }
          }
        }
      }
    }
    if (node.type === 'CallExpression') {
      const callee = node.callee as N;
      const args = node.arguments as unknown[];
      // Object.defineProperty(exports, 'x', …)
      if (callee.type === 'MemberExpression' && isIdentifier(callee.object, 'Object') && propertyName(callee) === 'defineProperty') {
        if (args.length >= 2 && isExportsObject(args[0])) exportName(stringLiteral(args[1]));
      }
      // __exportStar(require('y'), exports) (tslib), __export(require('y')) (older TypeScript)
      if (isIdentifier(callee, '__exportStar') || isIdentifier(callee, '__export')) {
        const passed = args.length > 0 ? requireCall(args[0]) : undefined;
        if (passed !== undefined) add(reexports, 'r:', passed);
      }
    }
    const fields = keys(node);
    for (let i = 0; i < fields.length; i += 1) {
      const value = node[fields[i]];
      if (typeof value === 'object' && value !== null) stack[stack.length] = value;
    }
  }
  // (In walk order, not source order: neither loading nor a namespace depends on it.)
  return freeze({ imports: freeze(imports), exports: freeze(exportNames), reexports: freeze(reexports) });
};

export interface CjsModuleSource {
  readonly imports: readonly string[];
  readonly exports: readonly string[];
  readonly reexports: readonly string[];
  readonly location: string | undefined;
}
export interface CjsModuleSourceConstructor {
  new (source: string, location?: string): CjsModuleSource;
  readonly prototype: CjsModuleSource;
}

export const CjsModuleSource = markOwn(function CjsModuleSource(this: CjsModuleSource, source: unknown, location?: unknown) {
  checkSourceArguments('CjsModuleSource', new.target, source, location);
  // Node ignores a hashbang line; a function body cannot hold one, so it becomes a comment.
  const body = stringStartsWith(source, '#!') ? `//${stringSlice(source, 2)}` : source;
  // The analysis throws what must not run; its tree, when it was just made, serves the export
  // detection too (else, for a body analyzed before, one parse of the same text).
  const tree = analyzeFunctionSourceWithTree(CJS_PARAMETERS, body);
  let root: object;
  if (tree !== undefined) root = tree.parsed.root;
  else {
    const parsed = parseText(layoutFunction({}, CJS_PARAMETERS, body).text, 'expression');
    if (!('root' in parsed)) throw makeSyntaxError('new CjsModuleSource()', parsed.what, parsed.code);
    root = parsed.root;
  }
  const found = analyzeCjs(root);
  const self = this as unknown as Record<string, unknown>;
  self.imports = found.imports;
  self.exports = found.exports;
  self.reexports = found.reexports;
  self.location = location;
  weakmapSet(records, this, freeze({ body, location, imports: found.imports, exports: found.exports, reexports: found.reexports }));
  freeze(this);
}) as unknown as CjsModuleSourceConstructor;
freeze(CjsModuleSource.prototype);
freeze(CjsModuleSource);
