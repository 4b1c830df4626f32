// `layerlab check` as instructors and CI use it: the list of challenge ids, every reference solution
// passing through the headless CLI (exit 0), a starting state missing (exit 1), and usage errors (exit 2).
import { describe, expect, it } from 'vitest';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layerlab } from '../cli/helpers.ts';
import { readLessonSources } from '../../tools/lessons.ts';

// Written out by hand: the course's challenges, lesson by lesson, as `check --list` must print them.
const EXPECTED_IDS = [
  'what-is-an-image/two-containers',
  'layers-by-hand/commit-a-layer',
  'dockerfile-steps/one-layer',
  'build-cache/reorder',
  'build-context/ignore-node-modules',
  'deleting-files/no-secret-in-layers',
  'multi-stage/small-final-image',
  'multi-stage/build-stage-only',
  'tags-and-digests/moving-tag',
  'sharing-layers/already-exists',
  'capstone/fix-the-dockerfile',
];

describe('layerlab check', () => {
  it('--list prints every challenge id, LESSON/CHALLENGE, one a line', async () => {
    const r = await layerlab(['check', '--list']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(EXPECTED_IDS);
    // Every lesson named in an id is a lesson of the course.
    const slugs = new Set(readLessonSources().map((l) => l.slug));
    for (const id of EXPECTED_IDS) expect(slugs).toContain(id.split('/')[0]);
  });

  it.each(EXPECTED_IDS)('%s: the reference solution passes (exit 0)', async (id) => {
    const r = await layerlab(['check', id, '--solution']);
    expect(r.stdout).toContain(`${id}: `);
    expect(r.stdout).toMatch(/^PASS: /m);
    expect(r.status).toBe(0);
  }, 60_000);

  it('a script that reaches the goal another way passes too (the check looks at state, not commands)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layerlab-check-'));
    const script = join(dir, 'mine.sh');
    // Not the reference solution: other names, `docker create` + `docker start`, and `echo >` instead of touch.
    await writeFile(script, "# my attempt\ndocker create --name first alpine:3.21 sh -c 'echo hi > /hello.txt'\ndocker start first\ndocker run --rm --name gone alpine:3.21 true\ndocker run --name second alpine:3.21 cat /etc/os-release\n");
    const r = await layerlab(['check', 'what-is-an-image/two-containers', script]);
    expect(r.stdout).toMatch(/^PASS: /m);
    expect(r.status).toBe(0);
  }, 60_000);

  it('the starting state with no script is a miss, exit 1, with the reason', async () => {
    const r = await layerlab(['check', 'build-cache/reorder']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('MISS (not-yet): There is no build of app since the challenge started.');
  }, 60_000);

  it('a script file: its commands run, then the diagnosis is printed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layerlab-check-'));
    const script = join(dir, 'attempt.sh');
    await writeFile(script, 'docker build -t app .\necho "// edit" >> src/index.js\ndocker build -t app .\n');
    const r = await layerlab(['check', 'build-cache/reorder', script]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'MISS (install-reran): Step 4/4 `RUN npm ci` ran again because step 3/4 `COPY . .` changed: src/index.js changed content. Only the files npm needs should be copied before the install.',
    );
  }, 60_000);

  it('usage errors exit 2 and say what is wrong', async () => {
    const unknown = await layerlab(['check', 'no-such/challenge']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('layerlab check: no challenge "no-such/challenge"');
    const missing = await layerlab(['check', 'build-cache/reorder', '/nonexistent/script.sh']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/script.sh: No such file or directory');
    const none = await layerlab(['check']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('a challenge ID is needed');
  }, 60_000);
});
