// The engine's filesystem (the immutable tree, its content and limits, POSIX paths) and the file
// semantics the lab's two shells share: chmod modes and ls's mode column (mode.ts), what cp, mv and
// rm decide (transfer.ts) and one getopt-style option parser (options.ts). They work on paths and
// numbers only, so the lab shell (src/shell, async, over the git workspace) and a container's shell
// (world/shell, synchronous, over an image's tree) run the same rules on their own storage.
//
// Where the two shells differ, and why: a container's shell speaks busybox or GNU coreutils, as the
// binary PATH finds in the image does; the lab shell always speaks GNU coreutils, as the terminal of a
// learner's own Linux machine would, and never leaves the workspace (`..` stops at its root, and rm
// refuses the directory the shell stands in, which the lab shell cannot leave dangling).
export * from './path.ts';
export * from './content.ts';
export * from './tree.ts';
export * from './limits.ts';
export * from './mode.ts';
export * from './transfer.ts';
export * from './options.ts';
