// `permafrost/node`: module hooks for compartments that load files from a directory on disk with
// Node's resolution rules: relative and absolute specifiers (exact files for ES modules; for
// `require`, the extension and directory searches of CommonJS), bare specifiers through
// `node_modules` with package.json `exports` (conditions, subpath patterns), `imports` (`#name`)
// and `main`, and the module kind from the extension and the nearest package.json `type`.
// Full specifiers are absolute paths (symbolic links resolved, as Node does). Files outside the
// root directory are refused, and Node's built-in modules are reachable only where the host maps
// them explicitly (`builtins`). Host code: uses node:fs, node:path, node:url and node:module.
import { promises as fsp, readFileSync, realpathSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CjsModuleSource, makeJsonModuleSource } from '../compartment/cjs-source.js';
import { ModuleSource } from '../compartment/module-source.js';

export interface NodeLoaderOptions {
  /** The directory whose files may be loaded (with its node_modules). */
  readonly root: string;
  /** Node built-in modules the host grants, by name (`'node:path'`): each an object whose properties become the exports. */
  readonly builtins?: Readonly<Record<string, object>>;
  /** Extra export conditions, tried before `node`, `import`/`require` and `default`. */
  readonly conditions?: readonly string[];
}

export interface NodeModuleHooks {
  resolveHook(specifier: string, referrer: string): string;
  importHook(specifier: string): Promise<object>;
  importNowHook(specifier: string): object;
}

type Kind = 'module' | 'commonjs' | 'json';

const fail = (message: string): Error => new TypeError(`permafrost/node: ${message}`);

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

const readJson = (path: string): Record<string, unknown> | undefined => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

/** Whether `path` is `root` or under it, by its text alone (no file system access). */
const isWithin = (root: string, path: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** The nearest package.json at or above `dir`, but not above `root`, with its directory. */
const packageScope = (root: string, dir: string): { dir: string; json: Record<string, unknown> } | undefined => {
  for (let d = dir; isWithin(root, d); d = dirname(d)) {
    const json = isFile(join(d, 'package.json')) ? readJson(join(d, 'package.json')) : undefined;
    if (json !== undefined) return { dir: d, json };
    if (d === root) return undefined;
  }
  return undefined;
};

const kindOfFile = (root: string, path: string): Kind => {
  if (path.endsWith('.mjs')) return 'module';
  if (path.endsWith('.cjs')) return 'commonjs';
  if (path.endsWith('.json')) return 'json';
  return packageScope(root, dirname(path))?.json.type === 'module' ? 'module' : 'commonjs';
};

/** Resolves a package.json `exports` or `imports` target for `subpath` under `conditions`. */
const resolveTarget = (target: unknown, patternMatch: string | undefined, conditions: readonly string[]): string | null | undefined => {
  if (typeof target === 'string') return patternMatch === undefined ? target : target.split('*').join(patternMatch);
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = resolveTarget(t, patternMatch, conditions);
      if (r) return r;
    }
    return null;
  }
  if (typeof target === 'object' && target !== null) {
    for (const [key, value] of Object.entries(target)) {
      if (key === 'default' || conditions.includes(key)) {
        const r = resolveTarget(value, patternMatch, conditions);
        if (r !== undefined) return r;
      }
    }
    return undefined;
  }
  return null;
};

/** PACKAGE_EXPORTS_RESOLVE / PACKAGE_IMPORTS_RESOLVE over one map (subpath keys like `./x`, `./*`, `#x`). */
const resolveMap = (map: unknown, subpath: string, conditions: readonly string[]): string | null | undefined => {
  let entries: Record<string, unknown>;
  if (typeof map === 'string' || Array.isArray(map) || (typeof map === 'object' && map !== null && !Object.keys(map).some(k => k.startsWith('.') || k.startsWith('#')))) {
    if (subpath !== '.') return undefined;
    entries = { '.': map };
  } else entries = map as Record<string, unknown>;
  if (Object.hasOwn(entries, subpath) && !subpath.includes('*')) return resolveTarget(entries[subpath], undefined, conditions);
  let best: string | undefined;
  for (const key of Object.keys(entries)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.length >= key.length && subpath.endsWith(suffix)) {
      if (best === undefined || prefix.length > best.indexOf('*')) best = key;
    }
  }
  if (best === undefined) return undefined;
  const star = best.indexOf('*');
  const match = subpath.slice(star, subpath.length - (best.length - star - 1));
  return resolveTarget(entries[best], match, conditions);
};

export const makeNodeModuleHooks = (options: NodeLoaderOptions): NodeModuleHooks => {
  const root = realpathSync(resolve(options.root));
  const builtins = options.builtins ?? {};
  const extra = options.conditions ?? [];
  const isBuiltin = (s: string): boolean => s.startsWith('node:') || builtinModules.includes(s);

  // Everything outside the root is refused before the file system is asked anything, and with the
  // same error as a missing file, naming only what the guest wrote: what exists outside the root,
  // and where links point, is not the guest's to learn.
  const notFound = (specifier: string): Error => fail(`cannot find module ${JSON.stringify(specifier)}`);
  const inside = (path: string, specifier: string = path): string => {
    if (!isWithin(root, resolve(path))) throw notFound(specifier);
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      throw notFound(specifier);
    }
    if (!isWithin(root, real)) throw notFound(specifier);
    return real;
  };

  // CommonJS LOAD_AS_FILE and LOAD_AS_DIRECTORY (within the root only).
  const asFileOrDirectory = (path: string): string | undefined => {
    if (!isWithin(root, resolve(path))) return undefined;
    for (const candidate of [path, `${path}.js`, `${path}.json`, `${path}.cjs`]) if (isFile(candidate)) return candidate;
    const pkg = readJson(join(path, 'package.json'));
    if (pkg && typeof pkg.main === 'string') {
      const main = asFileOrDirectory(join(path, pkg.main));
      if (main !== undefined) return main;
    }
    for (const index of ['index.js', 'index.json', 'index.cjs']) if (isFile(join(path, index))) return join(path, index);
    return undefined;
  };

  const packageTarget = (pkgDir: string, subpath: string, conditions: readonly string[]): string => {
    const pkg = readJson(join(pkgDir, 'package.json'));
    if (pkg && pkg.exports !== undefined) {
      const target = resolveMap(pkg.exports, subpath, conditions);
      if (typeof target !== 'string') throw fail(`the package does not export ${JSON.stringify(subpath)}`);
      return join(pkgDir, target);
    }
    const found = asFileOrDirectory(subpath === '.' ? pkgDir : join(pkgDir, subpath));
    if (found === undefined) throw fail(`cannot find ${JSON.stringify(subpath)} in its package`);
    return found;
  };

  const resolveHook = (specifier: string, referrer: string): string => {
    if (isBuiltin(specifier)) return specifier.startsWith('node:') ? specifier : `node:${specifier}`;
    const fromDir = isAbsolute(referrer) && isWithin(root, referrer) ? dirname(referrer) : root;
    const requiring = isAbsolute(referrer) && isWithin(root, referrer) && kindOfFile(root, referrer) === 'commonjs';
    const conditions = [...extra, 'node', requiring ? 'require' : 'import'];
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/')) {
      const path = resolve(fromDir, specifier);
      if (!isWithin(root, path)) throw notFound(specifier);
      if (requiring) {
        const found = asFileOrDirectory(path);
        if (found === undefined) throw notFound(specifier);
        return inside(found, specifier);
      }
      return inside(path, specifier);
    }
    if (specifier.startsWith('#')) {
      const scope = packageScope(root, fromDir);
      const target = scope ? resolveMap(scope.json.imports, specifier, conditions) : undefined;
      if (typeof target !== 'string') throw notFound(specifier);
      return target.startsWith('./') ? inside(join(scope!.dir, target), specifier) : resolveHook(target, referrer);
    }
    // A bare specifier: the package name, then the subpath.
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const name = parts.slice(0, nameLength).join('/');
    const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
    // node_modules folders from the referrer's directory up to the root, not above it.
    for (let d = fromDir; isWithin(root, d); d = dirname(d)) {
      const pkgDir = join(d, 'node_modules', name);
      if (!isWithin(root, pkgDir)) break;
      if (isFile(join(pkgDir, 'package.json')) || (subpath !== '.' && isFile(join(pkgDir, subpath)))) {
        return inside(packageTarget(pkgDir, subpath, conditions), specifier);
      }
      if (d === root) break;
    }
    throw notFound(specifier);
  };

  const describe = (path: string, text: string): object => {
    const kind = kindOfFile(root, path);
    const source =
      kind === 'module' ? new ModuleSource(text, path) : kind === 'json' ? makeJsonModuleSource(text) : new CjsModuleSource(text, path);
    return { source, specifier: path, importMeta: { url: pathToFileURL(path).href, filename: path, dirname: dirname(path) } };
  };

  /**
   * An entry specifier that is not yet a full one (like './main.js'): its path, relative to the root.
   * The descriptor then names that path as its specifier, so the module has one instance, whichever
   * way it is asked for.
   */
  const fullPath = (specifier: string): string =>
    isAbsolute(specifier) ? inside(specifier) : resolveHook(specifier, join(root, 'entry.mjs'));

  const builtin = (specifier: string): object => {
    if (!Object.hasOwn(builtins, specifier)) throw fail(`the built-in module ${JSON.stringify(specifier)} is not granted to this compartment`);
    return { namespace: builtins[specifier] };
  };

  return {
    resolveHook,
    async importHook(specifier: string): Promise<object> {
      if (isBuiltin(specifier)) return builtin(specifier);
      const path = fullPath(specifier);
      return describe(path, await fsp.readFile(path, 'utf8'));
    },
    importNowHook(specifier: string): object {
      if (isBuiltin(specifier)) return builtin(specifier);
      const path = fullPath(specifier);
      return describe(path, readFileSync(path, 'utf8'));
    },
  };
};
