// `docker system df` counts containers (TOTAL, ACTIVE = running, SIZE = writable layers, RECLAIMABLE =
// the layers of stopped ones) and `-v` lists them with each image's CONTAINERS count; the `docker images`
// tree view marks images that a container uses with the `U` (In Use) chip.
import { beforeAll, describe, expect, it } from 'vitest';
import { layerlab, project, type CliResult } from './helpers.ts';

const SLOW = 300_000;
const FILES = { Dockerfile: 'FROM alpine:3.21\nCMD ["sleep", "1000"]\n' };

describe('containers in docker system df and the images tree', () => {
  let r: CliResult;
  const section = (name: string): string => r.stdout.split(`===${name}\n`)[1]!.split(/^===/m)[0]!;
  beforeAll(async () => {
    const dir = await project(FILES);
    r = await layerlab([
      '--context', dir, '-c',
      [
        'docker pull -q busybox:1.36',
        'docker pull -q alpine:3.21',
        'docker pull -q nginx:alpine',
        'docker run --name writer alpine:3.21 sh -c "echo hello > /greeting"',
        'docker run --name quiet alpine:3.21 true',
        'docker run -d --name web nginx:alpine',
        'echo ===images',
        'docker images',
        'echo ===df',
        'docker system df',
        'echo ===dfv',
        'docker system df -v',
      ].join('\n'),
    ]);
  }, SLOW);

  it('the commands succeed', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('counts three containers, one running, and the 6 bytes the stopped one wrote as reclaimable', () => {
    // "hello\n" is 6 bytes; nothing else is written (the nginx container's writes, if any, count too but are
    // not reclaimable while it runs).
    const line = section('df').split('\n').find((l) => l.startsWith('Containers'))!;
    const [, total, active, size, reclaimable] = line.split(/ {2,}/);
    expect(total).toBe('3');
    expect(active).toBe('1');
    expect(reclaimable).toMatch(/^6B \(\d+%\)$/);
    expect(size).toMatch(/^\d+(\.\d+)?[kM]?B$/);
  });

  it('images used by a container are active', () => {
    const line = section('df').split('\n').find((l) => l.startsWith('Images'))!;
    // alpine:3.21 and nginx:alpine have containers; busybox has none.
    expect(line.split(/ {2,}/).slice(1, 3)).toEqual(['3', '2']);
  });

  it('system df -v lists each container with its size and status, and each image\'s container count', () => {
    const v = section('dfv');
    const images = v.split('Containers space usage:')[0]!;
    expect(images).toMatch(/^alpine +3\.21 +[0-9a-f]{12} .* 2\n/m);
    expect(images).toMatch(/^nginx +alpine +[0-9a-f]{12} .* 1\n/m);
    expect(images).toMatch(/^busybox +1\.36 +[0-9a-f]{12} .* 0\n/m);
    const containers = v.split('Containers space usage:\n\n')[1]!.split('\nLocal Volumes')[0]!;
    expect(containers.split('\n')[0]).toMatch(/^CONTAINER ID +IMAGE +COMMAND +LOCAL VOLUMES +SIZE +CREATED +STATUS +NAMES$/);
    expect(containers).toMatch(/^[0-9a-f]{12} +alpine:3\.21 +"sh -c echo hello > …" +0 +6B +.+ ago +Exited \(0\) .+ ago +writer$/m);
    expect(containers).toMatch(/^[0-9a-f]{12} +alpine:3\.21 +"true" +0 +0B +.+ ago +Exited \(0\) .+ ago +quiet$/m);
    expect(containers).toMatch(/^[0-9a-f]{12} +nginx:alpine +".+" +0 +\S+ +.+ ago +Up .+ +web$/m);
  });

  it('the images tree shows the U chip on images in use only', () => {
    const rows = section('images').split('\n');
    expect(rows.find((l) => l.startsWith('alpine:3.21 '))).toMatch(/ U$/);
    expect(rows.find((l) => l.startsWith('nginx:alpine '))).toMatch(/ U$/);
    expect(rows.find((l) => l.startsWith('busybox:1.36 '))).not.toMatch(/ U$/);
  });
});
