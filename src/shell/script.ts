// Runs a script's text through the lab shell the way the headless CLI reads it: one command a line,
// blank lines and # comments skipped, a line that is not finished (an open quote, a trailing |) joined
// with the next ones; while a container's shell is open (`docker run -i … sh`), each raw line is its
// input instead. At the end of the text, a container shell still reading gets end of input, as when
// docker's stdin closes. Used by the CLI and by `layerlab check`, so a script means the same to both.
import { isIncomplete } from './parse.ts';
import type { LabShell, ShellIO } from './types.ts';

/** Where a line came from: a container shell's input, a lab command, or the unfinished rest at the end. */
export type ScriptLineKind = 'container' | 'command' | 'rest';

/** Returns the status of the last line run (`status` when none ran). Stops once `io.signal` aborts. */
export async function runScriptText(shell: LabShell, text: string, io: ShellIO, run: (line: string, kind: ScriptLineKind) => Promise<number>, status = 0): Promise<number> {
  const stopped = (): boolean => io.signal?.aborted === true;
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    if (shell.container) {
      // The container's shell reads the line itself (its own quoting, comments and blank lines).
      if (stopped()) break;
      if (raw.trim()) status = await run(raw, 'container');
      continue;
    }
    const line = pending ? `${pending}\n${raw}` : raw;
    if (!pending && (!line.trim() || line.trim().startsWith('#'))) continue;
    if (isIncomplete(line)) {
      pending = line;
      continue;
    }
    pending = '';
    if (stopped()) break;
    status = await run(line, 'command');
  }
  if (pending && !stopped()) status = await run(pending, 'rest');
  while (shell.container && !stopped()) status = await shell.endInput(io);
  return status;
}
