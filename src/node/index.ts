// The `permafrost/node` entry point: module hooks for loading files from disk into compartments.
export { makeNodeModuleHooks, type NodeLoaderOptions, type NodeModuleHooks } from './loader.js';
