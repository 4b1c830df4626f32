// End to end through `npx layerlab -c`, as a learner types it.
import { describe, expect, it } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { layerlab, project } from '../cli/helpers.ts';

/** Lines of one command's output: from the line starting with `start` up to (not including) `end`. */
function section(stdout: string, start: string, end: string): string[] {
  const lines = stdout.split('\n');
  const i = lines.findIndex((l) => l.startsWith(start));
  const j = lines.findIndex((l, k) => k > i && l.startsWith(end));
  return lines.slice(i, j < 0 ? undefined : j);
}

describe('docker pull through the CLI', () => {
  it('pulls alpine:3.21, then node:22-alpine: the shared layer says Already exists and exactly the others download', async () => {
    const r = await layerlab(['-c', 'docker pull alpine:3.21\ndocker pull node:22-alpine\ndocker image inspect node:22-alpine alpine:3.21']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const alpine = section(r.stdout, '3.21: Pulling from library/alpine', 'docker.io/library/alpine:3.21');
    const node = section(r.stdout, '22-alpine: Pulling from library/node', 'docker.io/library/node:22-alpine');
    // Layer digests from the images' own manifests (docker image inspect prints RootFS and the manifest is in the store).
    const inspect = JSON.parse(r.stdout.slice(r.stdout.indexOf('\n[') + 1)) as Array<{ RootFS: { Layers: string[] } }>;
    expect(inspect).toHaveLength(2);
    const alpineIds = alpine.filter((l) => l.endsWith(': Pull complete')).map((l) => l.slice(0, 12));
    expect(alpineIds).toHaveLength(1);
    const nodeAlready = node.filter((l) => l.endsWith(': Already exists')).map((l) => l.slice(0, 12));
    const nodeDownloaded = node.filter((l) => l.endsWith(': Pull complete')).map((l) => l.slice(0, 12));
    expect(nodeAlready).toEqual(alpineIds);
    expect(nodeDownloaded.length).toBe(inspect[0]!.RootFS.Layers.length - 1);
    expect(nodeDownloaded).not.toContain(alpineIds[0]);
    // Every downloaded layer went through the docker states; the shared one through none of them.
    for (const id of nodeDownloaded) {
      const mine = node.filter((l) => l.startsWith(id)).map((l) => l.slice(14));
      expect(mine[0]).toBe('Pulling fs layer');
      expect(mine.slice(-3)).toEqual(['Verifying Checksum', 'Download complete', 'Pull complete']);
    }
    expect(node.filter((l) => l.startsWith(alpineIds[0]!))).toEqual([`${alpineIds[0]}: Already exists`]);
    expect(node.at(-1)).toBe('Status: Downloaded newer image for node:22-alpine');
    expect(node.at(-2)).toMatch(/^Digest: sha256:[0-9a-f]{64}$/);
  }, 180_000);
});

describe('push, rmi, pull back and disk usage through the CLI', () => {
  it('pushes to the lab registry, frees only unshared layers on rmi, and pulls the image back', async () => {
    const script = [
      'docker pull alpine:3.21',
      'docker run --name maker alpine:3.21 sh -c "echo hello > /greeting"',
      'docker commit maker learner/app:1',
      'docker rm maker',
      'docker login -u learner -p secret',
      'docker push learner/app:1',
      'echo ==df-before',
      'docker system df -v',
      'docker rmi learner/app:1',
      'echo ==df-after',
      'docker system df -v',
      'echo ==pull-back',
      'docker pull learner/app:1',
    ].join('\n');
    const r = await layerlab(['-c', script]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
    const push = section(r.stdout, 'The push refers to repository [docker.io/learner/app]', '==df-before');
    expect(push.filter((l) => l.endsWith('Mounted from library/alpine'))).toHaveLength(1);
    expect(push.filter((l) => l.endsWith(': Pushed'))).toHaveLength(1);
    expect(push.at(-1)).toMatch(/^1: digest: sha256:[0-9a-f]{64} size: \d+$/);
    const rows = (name: string): string[][] =>
      section(r.stdout, name, '==')
        .filter((l) => /^(alpine|learner\/app)\s/.test(l))
        .map((l) => l.split(/\s{2,}/));
    const before = rows('==df-before');
    const after = rows('==df-after');
    const app = before.find((c) => c[0] === 'learner/app')!;
    const alp = before.find((c) => c[0] === 'alpine')!;
    // SIZE, SHARED SIZE, UNIQUE SIZE: the base layer is shared, the committed layer is unique to the app.
    expect(alp[5]).toBe(app[5]);
    expect(alp[6]).toBe('0B');
    expect(app[6]).not.toBe('0B');
    // After rmi only alpine is left, and its layer is no longer shared.
    expect(after.map((c) => c[0])).toEqual(['alpine']);
    expect(after[0]![5]).toBe('0B');
    // ...so what was its shared size is now unique.
    expect(after[0]![6]).toBe(alp[5]);
    const rmi = section(r.stdout, 'Untagged: learner/app:1', '==df-after');
    expect(rmi.some((l) => /^Deleted: sha256:[0-9a-f]{64}$/.test(l))).toBe(true);
    const back = section(r.stdout, '1: Pulling from learner/app', 'docker.io/learner/app:1');
    expect(back.filter((l) => l.endsWith('Already exists'))).toHaveLength(1);
    expect(back.filter((l) => l.endsWith('Pull complete'))).toHaveLength(1);
    expect(back.at(-1)).toBe('Status: Downloaded newer image for learner/app:1');
  }, 180_000);
});

describe('containers through the CLI', () => {
  it('two containers of one image do not see each other\'s writes', async () => {
    const script = [
      'docker pull alpine:3.21',
      'docker run -d --name one alpine:3.21 sh -c "echo one > /mine.txt"',
      'docker run -d --name two alpine:3.21 sh -c "echo two > /mine.txt"',
      'docker diff one',
      'echo ==',
      'docker commit one snap:one',
      'docker run --rm snap:one cat /mine.txt',
      'docker commit two snap:two',
      'docker run --rm snap:two cat /mine.txt',
      'docker run --rm alpine:3.21 ls /mine.txt',
    ].join('\n');
    const r = await layerlab(['-c', script]);
    const out = r.stdout.split('\n');
    const diff = section(r.stdout, 'A /mine.txt', '==');
    expect(diff).toEqual(['A /mine.txt']);
    expect(out).toContain('one');
    expect(out).toContain('two');
    expect(out.indexOf('one')).toBeLessThan(out.indexOf('two'));
    expect(r.stderr).toContain("ls: /mine.txt: No such file or directory");
    expect(r.status).toBe(1);
  }, 120_000);

  it('a server keeps running as Up and docker stop ends it', async () => {
    const r = await layerlab(['-c', 'docker run -d --name web -p 8080:80 nginx:alpine\ndocker ps\ndocker logs web\ndocker stop web\ndocker ps -a']);
    expect(r.status).toBe(0);
    const ps = section(r.stdout, 'CONTAINER ID', 'docker');
    expect(ps[1]).toMatch(/^[0-9a-f]{12}\s+nginx:alpine\s+"\/docker-entrypoint\.…"\s+.+ ago\s+Up .+\s+0\.0\.0\.0:8080->80\/tcp, \[::\]:8080->80\/tcp\s+web$/);
    expect(r.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(r.stderr).toMatch(/\[notice\] 1#1: start worker processes/);
    expect(r.stdout.split('\n').filter((l) => /web$/.test(l)).at(-1)).toMatch(/Exited \(0\) .* ago\s+web$/);
  }, 120_000);

  it('-t off a terminal fails like docker', async () => {
    const r = await layerlab(['-c', 'docker run -it alpine:3.21']);
    expect(r.stderr).toBe('the input device is not a TTY\n');
    expect(r.status).toBe(1);
  }, 60_000);
});

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, out: stdout + stderr }));
  });
}

describe('docker save through the CLI', () => {
  it('writes an OCI layout plus manifest.json into the context folder with --write-back', async () => {
    const dir = await project({ 'README.md': 'context\n' });
    const r = await layerlab(['--context', dir, '--write-back', '-c', 'docker pull alpine:3.21\ndocker save -o alpine.tar alpine:3.21']);
    expect(r.status).toBe(0);
    const tar = join(dir, 'alpine.tar');
    expect((await stat(tar)).size).toBeGreaterThan(1_000_000);
    const list = await run('tar', ['-tf', tar], dir);
    expect(list.code).toBe(0);
    const names = list.out.split('\n');
    expect(names).toEqual(expect.arrayContaining(['oci-layout', 'index.json', 'manifest.json']));
    expect(names.some((n) => /^blobs\/sha256\/[0-9a-f]{64}$/.test(n))).toBe(true);
    const bytes = await readFile(tar);
    expect(bytes.length).toBe((await stat(tar)).size);
  }, 120_000);
});
