// The lab shell: one implementation for the browser terminal and the headless CLI.
export type * from './types.ts';
export { createLabShell } from './shell.ts';
export { COMMAND_FAMILIES } from './commands/index.ts';
