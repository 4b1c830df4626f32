// The lab shell's help and guidance, as one lazily loaded chunk (shell-help.*.js in the build): command
// help (help-texts.ts), docker's own help, version and unknown-command answers (docker-root.ts), and
// what to say for a command that is not found (guidance.ts). None of it is on a first build's path, so
// the lab's budget check (src/lab/tools/bundle-size.ts) counts it with the lazily loaded parts.
export { helpFor, helpText } from './help-texts.ts';
export { dockerRoot, dockerVersion } from './docker-root.ts';
export { commandNotFound } from './guidance.ts';
