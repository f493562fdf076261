// Checks of the repository's structure, for tests/structure.
export { findCycles, importCycles, relativeImports, sourceFiles } from './importCycles';
export { workspaces } from './workspaces';
