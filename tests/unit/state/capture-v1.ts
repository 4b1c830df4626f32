// Writes fixtures/saved-lab-v1.json: a lab's engine state as the engine of commit 9803817 (saved-state
// version 1, before each part had its own schema) exported it, and fixtures/saved-lab-v1-shown.json:
// what that engine's shell printed after loading it back. Run once on that code:
//   npx node tests/unit/state/capture-v1.ts
// It is kept for the record; the fixtures must not be regenerated on newer code.
import { writeFile } from 'node:fs/promises';
import { createLabEngine, fixedClock } from '../../../src/engine/index.ts';
import { createLabShell } from '../../../src/shell/index.ts';
import { createMemoryWorkspace } from '../../../src/workspace/memory.ts';
import { encodeTagged } from './tagged-json.ts';
import { FIXTURE_FILES, FIXTURE_CLOCK, AFTER_LOAD } from './fixture-script.ts';

async function shellFor(engine: ReturnType<typeof createLabEngine>) {
  const ws = await createMemoryWorkspace(FIXTURE_FILES);
  const shell = createLabShell({ workspace: ws, engine });
  return async (line: string) => {
    let out = '';
    let err = '';
    const status = await shell.run(line, { stdout: (s) => (out += s), stderr: (s) => (err += s), tty: false, columns: 120 });
    if (status !== 0 && !line.startsWith('docker push')) throw new Error(`${line}: ${status}\n${out}${err}`);
    return { line, status, out, err };
  };
}

const engine = createLabEngine({ clock: fixedClock(FIXTURE_CLOCK) });
const run = await shellFor(engine);
for (const line of [
  'docker login -u learner',
  'docker pull busybox:1.36',
  'docker build -q -t learner/app:1 .',
  'docker push learner/app:1',
  'docker tag learner/app:1 app:latest',
  'docker run --name keeper alpine:3.21 touch /made-here',
  'docker create --name waiting busybox:1.36 echo hi',
]) await run(line);
const saved = structuredClone(engine.exportState());
await writeFile(new URL('./fixtures/saved-lab-v1.json', import.meta.url), JSON.stringify(encodeTagged(saved)) + '\n');

// What the same code shows after loading that state into a fresh engine at the same time.
const fresh = createLabEngine({ clock: fixedClock(FIXTURE_CLOCK) });
fresh.importState(structuredClone(saved));
const again = await shellFor(fresh);
const shown = [];
for (const line of AFTER_LOAD) shown.push(await again(line));
await writeFile(new URL('./fixtures/saved-lab-v1-shown.json', import.meta.url), JSON.stringify(shown, null, 1) + '\n');
console.log(shown.map((s) => `$ ${s.line} (${s.status})\n${s.out}${s.err}`).join('\n'));
