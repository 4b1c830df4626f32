// File semantics shared by the lab's two shells: paths, modes and chmod, what cp, mv and rm decide,
// and one getopt-style option parser. Pure TypeScript over paths and numbers, with no filesystem of
// its own, so the lab shell (src/shell, async, over the git workspace) and a container's shell
// (world/shell, synchronous, over an image's tree) run the same rules on their own storage.
//
// Where the two shells differ, and why: a container's shell speaks busybox or GNU coreutils, as the
// binary PATH finds in the image does; the lab shell always speaks GNU coreutils, as the terminal of a
// learner's own Linux machine would, and never leaves the workspace (`..` stops at its root, and rm
// refuses the directory the shell stands in, which the lab shell cannot leave dangling).
export { normalizePath, joinPath, dirname, basename, splitPath } from '../fs/path.ts';
export { applyChmod, modeString, DEFAULT_UMASK, type ModeFlavor, type ModeOptions } from './mode.ts';
export { lastComponent, transferTarget, overlap, isDotOrDotDot, type TransferTarget } from './transfer.ts';
export { parseOpts, last, splitSpecArgs, type ParsedOpts, type OptSpec } from './options.ts';
