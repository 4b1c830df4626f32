// Container shells through `npx layerlab` (stdin is a pipe, stdout a pipe: no TTY anywhere).
// Decision (documented in src/shell/cli.ts): after `docker run -i IMAGE sh` the following script lines are
// the container shell's standard input until `exit` or the end of the script; `-it` fails as docker does.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { layerlab, project, ROOT } from './helpers.ts';

const SLOW = 180_000;
const PULL = 'docker pull -q alpine:3.21';

describe('npx layerlab: container shells', () => {
  it('-i: the following lines are the shell\'s input; exit N is docker run\'s status; --rm removes the container', async () => {
    const r = await layerlab(['-c', [PULL, 'docker run -i --rm --name box alpine:3.21 sh', 'cd /etc', 'pwd', '# a comment for sh', 'echo "in box" > /tmp/x; cat /tmp/x', 'exit 4', 'echo back $?', 'docker ps -aq', 'ls /tmp/x'].join('\n')]);
    // No prompt: without -t the container's shell is not interactive.
    expect(r.stdout).toBe('docker.io/library/alpine:3.21\n/etc\nin box\nback 4\n');
    // The container's /tmp/x never reached the workspace.
    expect(r.stderr).toContain("ls: cannot access '/tmp/x': No such file or directory");
    // GNU ls's status for an operand it cannot access.
    expect(r.status).toBe(2);
  }, SLOW);

  it('the end of the script ends the container shell with its last status', async () => {
    const failing = await layerlab(['-c', [PULL, 'docker run -i alpine:3.21 sh', 'true', 'false'].join('\n')]);
    expect(failing.status).toBe(1);
    const ok = await layerlab(['-c', [PULL, 'docker run -i --name keep alpine:3.21 sh && echo after-ok', 'false', 'true'].join('\n')]);
    // The rest of the docker run line runs once the container's shell has ended.
    expect(ok.stdout).toBe('docker.io/library/alpine:3.21\nafter-ok\n');
    expect(ok.status).toBe(0);
  }, SLOW);

  it('-it from input that is not a terminal: docker\'s error, status 1, and the script goes on in the lab', async () => {
    const r = await layerlab(['-c', [PULL, 'docker run -it alpine:3.21 sh', 'echo still-in-lab $?', 'docker ps -aq'].join('\n')]);
    expect(r.stderr).toBe('the input device is not a TTY\n');
    expect(r.stdout).toBe('docker.io/library/alpine:3.21\nstill-in-lab 1\n');
    const last = await layerlab(['-c', 'docker exec -it nosuch sh']);
    expect(last.stderr).toBe('the input device is not a TTY\n');
    expect(last.status).toBe(1);
  }, SLOW);

  it('docker exec -i into a running container feeds it the following lines; the container keeps running', async () => {
    const r = await layerlab(['-c', [PULL, 'docker run -dit --name bg alpine:3.21 sh', 'docker exec -i bg sh', 'touch /by-exec', 'exit', 'docker diff bg', 'docker ps -q'].join('\n')]);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('docker.io/library/alpine:3.21');
    expect(lines[1]).toMatch(/^[0-9a-f]{64}$/);
    expect(lines.slice(2)).toEqual(['A /by-exec', lines[1]!.slice(0, 12), '']);
    expect(r.status).toBe(0);
  }, SLOW);

  it('-it with terminal input (run under script(1)): each fed line shows after the container prompt', async () => {
    const dir = await project({ 'script.txt': [PULL, 'docker run -it --rm alpine:3.21 sh', 'cd /etc', 'pwd', 'exit 5', 'echo back'].join('\n') + '\n' });
    const r = await new Promise<{ status: number; out: string }>((resolve) => {
      execFile('script', ['-qec', `npx --no-install layerlab ${join(dir, 'script.txt')}`, '/dev/null'], { cwd: ROOT, env: { ...process.env, NPM_CONFIG_LOGLEVEL: 'silent' }, timeout: 120_000 }, (error, stdout) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout }));
    });
    // A terminal gets CRLF line ends and npm's own spinner; compare the plain lines.
    const text = r.out.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '');
    expect(text).toContain('/ # cd /etc\n/etc # pwd\n/etc\n/etc # exit 5\nback\n');
    expect(r.status).toBe(0);
  }, SLOW);
});
