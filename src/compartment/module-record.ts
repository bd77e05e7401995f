// Reads the static import/export structure of a parsed module (its top-level declarations only:
// ECMA-262 allows them nowhere else) into plain frozen data for the module loader and linker.
// Assumes a Program parsed by acorn with sourceType 'module'. No side effects.
import type { Identifier, ImportAttribute, Literal, Pattern, Program } from 'acorn';
import { create, freeze } from '../commons.js';

/** `import { importName as localName } from 'specifier'`; importName `'default'` or `'*'` (namespace) for those forms. */
export interface ModuleImportEntry {
  readonly specifier: string;
  readonly importName: string;
  readonly localName: string;
}

/** A local binding exported under `exportName`; `export default <expression>` has localName `'*default*'`. */
export interface ModuleExportEntry {
  readonly exportName: string;
  readonly localName: string;
}

/** `export { importName as exportName } from 'specifier'`; `export * as ns from 'm'` has importName `'*'`. */
export interface ModuleReexportEntry {
  readonly specifier: string;
  readonly importName: string;
  readonly exportName: string;
}

/** The static structure of a module source, as its parse shows it. All arrays are in source order. */
export interface ModuleRecordData {
  /** Every module specifier named by an import or export declaration, each once. */
  readonly requestedModules: readonly string[];
  readonly imports: readonly ModuleImportEntry[];
  readonly exports: readonly ModuleExportEntry[];
  readonly reexports: readonly ModuleReexportEntry[];
  /** Specifiers of `export * from 'specifier'`. */
  readonly starExports: readonly string[];
  /** The module contains `import(…)`: allowed in modules, routed by the loader (never rejected here). */
  readonly usesDynamicImport: boolean;
  /** The module reads `import.meta`. */
  readonly usesImportMeta: boolean;
  /** The module awaits at top level (`await`, `for await`, `await using`). */
  readonly hasTopLevelAwait: boolean;
  /** Import attributes (`with { type: 'json' }`) per requested specifier, as first written. */
  readonly attributes: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Flags the scope walk computes for the whole module, copied into the record. */
export interface ModuleFlags {
  readonly usesDynamicImport: boolean;
  readonly usesImportMeta: boolean;
  readonly hasTopLevelAwait: boolean;
}

/** `export { a as "string name" }` and `import { "string name" as a }` use string literals as names. */
const nameOf = (node: Identifier | Literal): string => (node.type === 'Identifier' ? node.name : `${node.value}`);

const specifierOf = (node: Literal): string => `${node.value}`;

// The names a declaration pattern binds (ECMA-262 BoundNames), each exported under its own name.
const collectBoundNames = (p: Pattern, exportLocal: (exportName: string, localName: string) => void): void => {
  switch (p.type) {
    case 'Identifier':
      exportLocal(p.name, p.name);
      return;
    case 'ObjectPattern':
      for (let i = 0; i < p.properties.length; i += 1) {
        const prop = p.properties[i];
        collectBoundNames(prop.type === 'RestElement' ? prop.argument : prop.value, exportLocal);
      }
      return;
    case 'ArrayPattern':
      for (let i = 0; i < p.elements.length; i += 1) {
        const element = p.elements[i];
        if (element) collectBoundNames(element, exportLocal);
      }
      return;
    case 'AssignmentPattern':
      collectBoundNames(p.left, exportLocal);
      return;
    case 'RestElement':
      collectBoundNames(p.argument, exportLocal);
      return;
    default:
      return;
  }
};

export const collectModuleRecord = (program: Program, flags: ModuleFlags): ModuleRecordData => {
  const requestedModules: string[] = [];
  const requested = create(null) as Record<string, true>;
  const imports: ModuleImportEntry[] = [];
  const exports: ModuleExportEntry[] = [];
  const reexports: ModuleReexportEntry[] = [];
  const starExports: string[] = [];
  const attributes = create(null) as Record<string, Readonly<Record<string, string>>>;
  const request = (specifier: string, node?: { attributes?: readonly ImportAttribute[] }): void => {
    if (requested[specifier] !== true) {
      requested[specifier] = true;
      requestedModules[requestedModules.length] = specifier;
    }
    const list = node?.attributes;
    if (list !== undefined && list.length > 0 && attributes[specifier] === undefined) {
      const map = create(null) as Record<string, string>;
      for (let i = 0; i < list.length; i += 1) map[nameOf(list[i].key)] = `${list[i].value.value}`;
      attributes[specifier] = freeze(map);
    }
  };
  const exportLocal = (exportName: string, localName: string): void => {
    exports[exports.length] = freeze({ exportName, localName });
  };

  const { body } = program;
  for (let i = 0; i < body.length; i += 1) {
    const node = body[i];
    switch (node.type) {
      case 'ImportDeclaration': {
        const specifier = specifierOf(node.source);
        request(specifier, node);
        for (let j = 0; j < node.specifiers.length; j += 1) {
          const s = node.specifiers[j];
          const importName =
            s.type === 'ImportSpecifier' ? nameOf(s.imported) : s.type === 'ImportDefaultSpecifier' ? 'default' : '*';
          imports[imports.length] = freeze({ specifier, importName, localName: s.local.name });
        }
        break;
      }
      case 'ExportNamedDeclaration': {
        if (node.source) {
          const specifier = specifierOf(node.source);
          request(specifier, node);
          for (let j = 0; j < node.specifiers.length; j += 1) {
            const s = node.specifiers[j];
            reexports[reexports.length] = freeze({
              specifier,
              importName: nameOf(s.local),
              exportName: nameOf(s.exported),
            });
          }
        } else if (node.declaration) {
          const d = node.declaration;
          if (d.type === 'VariableDeclaration') {
            for (let j = 0; j < d.declarations.length; j += 1) {
              collectBoundNames(d.declarations[j].id, exportLocal);
            }
          } else exportLocal(d.id.name, d.id.name);
        } else {
          for (let j = 0; j < node.specifiers.length; j += 1) {
            const s = node.specifiers[j];
            exportLocal(nameOf(s.exported), nameOf(s.local));
          }
        }
        break;
      }
      case 'ExportDefaultDeclaration': {
        const d = node.declaration;
        const named = (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id;
        exportLocal('default', named ? named.name : '*default*');
        break;
      }
      case 'ExportAllDeclaration': {
        const specifier = specifierOf(node.source);
        request(specifier, node);
        if (node.exported) {
          reexports[reexports.length] = freeze({ specifier, importName: '*', exportName: nameOf(node.exported) });
        } else starExports[starExports.length] = specifier;
        break;
      }
      default:
        break;
    }
  }
  return freeze({
    requestedModules: freeze(requestedModules),
    imports: freeze(imports),
    exports: freeze(exports),
    reexports: freeze(reexports),
    starExports: freeze(starExports),
    usesDynamicImport: flags.usesDynamicImport,
    usesImportMeta: flags.usesImportMeta,
    hasTopLevelAwait: flags.hasTopLevelAwait,
    attributes: freeze(attributes),
  });
};
