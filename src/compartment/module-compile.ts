// Turns a parsed module into the body of a generator function, by text edits (source-edits.ts):
// import declarations and `export` keywords go away, `import.meta` and `import(…)` become uses of
// the module's environment, and a prologue hands the linker one getter per exported local binding.
// The getters are closures over the module's own bindings, so exports are live and read the
// bindings' TDZ exactly as native code would; imported names are rewritten elsewhere (as the
// extra lexical scope, rewrite-references.ts) into reads of the linker's import bindings.
// The compiled function runs in two steps: the first `next()` runs the prologue (function
// declarations are hoisted by then, as in module instantiation), the second runs the body.
// Assumes a Program parsed by acorn as a module and walked with `compilingModule`. No side effects.
import type { ExportDefaultDeclaration, ModuleDeclaration, Program, Statement } from 'acorn';
import { create, jsonStringify, stringCharCodeAt } from '../commons.js';
import type { SourceEdits } from './source-edits.js';

/** The identifiers the module's compiled code uses, all absent from its source. */
export interface ModuleNames {
  /** The module environment: `e` (export getters), `meta`, `import`. */
  readonly module: string;
  /** The binding of an anonymous default export. */
  readonly defaultBinding: string;
  /** The import bindings (the extra lexical scope). */
  readonly lexicals: string;
}

export interface ModulePlan {
  /** Code to run before the body: registers the export getters. */
  readonly prologue: string;
  /** Local names bound by import declarations: rewritten as the extra lexical scope. */
  readonly importedNames: Record<string, true>;
}

// WhiteSpace and LineTerminator (ECMA-262 12.2, 12.3).
const isSpace = (c: number): boolean =>
  (c >= 9 && c <= 13) ||
  c === 32 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/** The offset after whitespace and comments from `at`. */
const skipTrivia = (source: string, at: number): number => {
  let p = at;
  for (;;) {
    const c = stringCharCodeAt(source, p);
    if (isSpace(c)) p += 1;
    else if (c === 47 /* / */ && stringCharCodeAt(source, p + 1) === 42 /* * */) {
      p += 2;
      while (p < source.length && !(stringCharCodeAt(source, p) === 42 && stringCharCodeAt(source, p + 1) === 47)) p += 1;
      p += 2;
    } else if (c === 47 && stringCharCodeAt(source, p + 1) === 47) {
      p += 2;
      for (; p < source.length; p += 1) {
        const d = stringCharCodeAt(source, p);
        if (d === 10 || d === 13 || d === 0x2028 || d === 0x2029) break;
      }
    } else return p;
  }
};

/** Where the token after the keyword `word` (which starts at `at`, maybe after trivia) begins. */
const afterKeyword = (source: string, at: number, word: string): number => skipTrivia(source, skipTrivia(source, at) + word.length);

/** The `(` of an anonymous function declaration's parameters: after `async`, `function`, `*` and trivia. */
const parametersStart = (source: string, from: number): number => {
  let p = skipTrivia(source, from);
  while (p < source.length && stringCharCodeAt(source, p) !== 40 /* ( */) p = skipTrivia(source, p + 1);
  return p;
};

/** `export default <expression>`: what ends the expression (the statement's `;`, if written). */
const expressionEnd = (source: string, node: ExportDefaultDeclaration): number =>
  stringCharCodeAt(source, node.end - 1) === 59 /* ; */ ? node.end - 1 : node.end;

export const planModule = (program: Program, source: string, edits: SourceEdits, names: ModuleNames): ModulePlan => {
  const { module: m, defaultBinding: d, lexicals: l } = names;
  const importedNames = create(null) as Record<string, true>;
  const getters: string[] = [];
  let anonymousDefaultFunction = false;
  const exportLocal = (exportName: string, localName: string): void => {
    // A computed key: `"__proto__": …` would set the prototype (or, twice, be a syntax error).
    getters[getters.length] = `[${jsonStringify(exportName)}]: () => ${localName}`;
  };
  const body: (Statement | ModuleDeclaration)[] = program.body;
  // First the imports: an `export { x }` of an imported x reads the import binding.
  for (let i = 0; i < body.length; i += 1) {
    const node = body[i];
    if (node.type !== 'ImportDeclaration') continue;
    for (let j = 0; j < node.specifiers.length; j += 1) importedNames[node.specifiers[j].local.name] = true;
    edits.replace(node.start, node.end, '', true);
  }
  const localRead = (name: string): string => (importedNames[name] === true ? `${l}[${jsonStringify(name)}]` : name);

  for (let i = 0; i < body.length; i += 1) {
    const node = body[i];
    switch (node.type) {
      case 'ExportNamedDeclaration': {
        const decl = node.declaration;
        if (decl) {
          edits.replace(node.start, decl.start, '', true);
          if (decl.type === 'VariableDeclaration') {
            // The bound names of each declarator (module-record.ts lists the same exports).
            const stack: unknown[] = [];
            for (let j = 0; j < decl.declarations.length; j += 1) stack[stack.length] = decl.declarations[j].id;
            while (stack.length > 0) {
              const p = stack[stack.length - 1] as { type: string } & Record<string, unknown>;
              stack.length -= 1;
              if (p === null) continue;
              if (p.type === 'Identifier') exportLocal(p.name as string, p.name as string);
              else if (p.type === 'ObjectPattern') {
                const props = p.properties as { type: string; value?: unknown; argument?: unknown }[];
                for (let k = 0; k < props.length; k += 1) stack[stack.length] = props[k].type === 'RestElement' ? props[k].argument : props[k].value;
              } else if (p.type === 'ArrayPattern') {
                const elements = p.elements as unknown[];
                for (let k = 0; k < elements.length; k += 1) stack[stack.length] = elements[k];
              } else if (p.type === 'AssignmentPattern') stack[stack.length] = p.left;
              else if (p.type === 'RestElement') stack[stack.length] = p.argument;
            }
          } else exportLocal(decl.id.name, decl.id.name);
        } else {
          edits.replace(node.start, node.end, '', true);
          if (!node.source) {
            for (let j = 0; j < node.specifiers.length; j += 1) {
              const s = node.specifiers[j];
              const local = s.local.type === 'Identifier' ? s.local.name : `${s.local.value}`;
              const exported = s.exported.type === 'Identifier' ? s.exported.name : `${s.exported.value}`;
              exportLocal(exported, localRead(local));
            }
          }
        }
        break;
      }
      case 'ExportAllDeclaration':
        edits.replace(node.start, node.end, '', true);
        break;
      case 'ExportDefaultDeclaration': {
        const decl = node.declaration;
        const afterDefault = afterKeyword(source, afterKeyword(source, node.start, 'export'), 'default');
        if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) {
          edits.replace(node.start, decl.start, '', true);
          exportLocal('default', decl.id.name);
        } else if (decl.type === 'FunctionDeclaration') {
          // Hoisted like any function declaration, under our name; the linker names it "default".
          edits.replace(node.start, decl.start, '', true);
          edits.open(parametersStart(source, decl.start), ` ${d} `, true);
          anonymousDefaultFunction = true;
          exportLocal('default', d);
        } else {
          // `export default class {}` and expressions: a const, named "default" by NamedEvaluation
          // of a property definition, as the export itself would name an anonymous function.
          const end = decl.type === 'ClassDeclaration' ? decl.end : expressionEnd(source, node);
          edits.replace(node.start, afterDefault, `const ${d} = ({ default: (`, true);
          edits.close(end, ') }).default;');
          exportLocal('default', d);
        }
        break;
      }
      default:
        break;
    }
  }
  let prologue = `${m}.e({ __proto__: null`;
  for (let i = 0; i < getters.length; i += 1) prologue += `, ${getters[i]}`;
  prologue += ` }, ${anonymousDefaultFunction ? 'true' : 'false'}); yield;`;
  return { prologue, importedNames };
};

/** `import.meta` → the module's meta object; `import(` → the module's dynamic import. */
export const rewriteModuleOperators = (
  importMetaRanges: readonly number[],
  importCallRanges: readonly number[],
  edits: SourceEdits,
  moduleName: string,
): void => {
  for (let i = 0; i < importMetaRanges.length; i += 2) {
    edits.replace(importMetaRanges[i], importMetaRanges[i + 1], `${moduleName}.meta`, true);
  }
  for (let i = 0; i < importCallRanges.length; i += 2) {
    edits.replace(importCallRanges[i], importCallRanges[i + 1], `${moduleName}.import(`, true);
  }
};
