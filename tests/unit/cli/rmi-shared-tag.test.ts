// `docker rmi` of one tag of an image that has another tag and that a container uses.
// moby daemon/containerd/image_delete.go (ImageDelete): when the reference is a name and the image
// keeps other names, the daemon deletes just that name record ("Untagged: …") and checks no
// container; the "container … is using its referenced image" conflict is for the image's last name.
import { describe, expect, it } from 'vitest';
import { layerlab, project } from './helpers.ts';

const FILES = { Dockerfile: 'FROM alpine:3.21\nCMD ["true"]\n' };

describe('docker rmi of a shared tag', () => {
  it('untags app:v2 while app:latest and a stopped container keep the image', async () => {
    const dir = await project(FILES);
    const r = await layerlab(['--context', dir, '-c', [
      'docker build -q -t app .',
      'docker tag app app:v2',
      'docker create --name c1 app',
      'echo ===rmi',
      'docker rmi app:v2',
      'echo status=$?',
      'echo ===last',
      'docker rmi app',
      'echo status=$?',
      'echo ===ls',
      'docker images --format "{{.Repository}}:{{.Tag}}"',
    ].join('\n')]);
    const section = (name: string): string => r.stdout.split(`===${name}\n`)[1]!.split('===')[0]!;
    expect(section('rmi')).toBe('Untagged: app:v2\nstatus=0\n');
    // The last name is refused while the container uses the image.
    expect(section('last')).toBe('status=1\n');
    expect(r.stderr).toMatch(/conflict: unable to delete app \(must be forced\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}/);
    expect(section('ls')).toContain('app:latest');
    expect(section('ls')).not.toContain('app:v2');
  }, 120_000);
});
