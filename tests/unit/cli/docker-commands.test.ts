// docker images / history / image inspect / builder prune / system df, end to end.
import { beforeAll, describe, expect, it } from 'vitest';
import { layerlab, project, type CliResult } from './helpers.ts';

const SLOW = 300_000;
const FILES = {
  Dockerfile: 'FROM alpine:3.21\nWORKDIR /app\nCOPY hello.txt .\nRUN echo built > built.txt\nCMD ["cat", "hello.txt"]\n',
  'hello.txt': 'hello\n',
};

describe('docker commands after a build', () => {
  let r: CliResult;
  let again: CliResult[];
  beforeAll(async () => {
    const dir = await project(FILES);
    const script = [
      'docker build -q -t hello:1 .',
      'echo ===images',
      'docker images',
      'echo ===table',
      'docker images --format table',
      'echo ===ids',
      'docker images -q --no-trunc hello',
      'echo ===history',
      'docker history hello:1',
      'echo ===inspect',
      'docker image inspect hello:1',
      'echo ===df',
      'docker system df',
      'echo ===prune',
      'docker builder prune -a -f',
      'echo ===df2',
      'docker system df',
      'echo ===rmi',
      'docker rmi hello:1',
    ].join('\n');
    r = await layerlab(['--context', dir, '-c', script]);
    // Two separate runs with SOURCE_DATE_EPOCH in the environment, which buildx passes as the build arg.
    const epoch = { env: { SOURCE_DATE_EPOCH: '1704067200' } };
    const build = 'docker build -q -t hello:1 .\ndocker images -q --no-trunc hello';
    again = [await layerlab(['--context', dir, '-c', build], epoch), await layerlab(['--context', dir, '-c', build], epoch)];
  }, SLOW);

  const section = (name: string): string => r.stdout.split(`===${name}\n`)[1]!.split(/^===/m)[0]!;

  it('all commands succeed', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('docker images shows the tree view with the image, its platform row and the size columns', () => {
    const s = section('images');
    expect(s).toMatch(/^IMAGE +ID +DISK USAGE +CONTENT SIZE +EXTRA$/m);
    expect(s).toMatch(/^hello:1 +[0-9a-f]{12} +[\d.]+[kMG]?B +[\d.]+[kMG]?B$/m);
    expect(s).toMatch(/^└─ linux\/amd64 +[0-9a-f]{12} /m);
    // The base image pulled for FROM is listed too.
    expect(s).toMatch(/^alpine:3\.21 /m);
  });

  it('the classic table has docker\'s columns', () => {
    const s = section('table');
    expect(s.split('\n')[0]).toMatch(/^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE$/);
    expect(s).toMatch(/^hello +1 +[0-9a-f]{12} +.+ ago +[\d.]+[kMG]?B$/m);
  });

  // BuildKit stamps history and image times with SOURCE_DATE_EPOCH when it is set
  // (dockerfile2llb/convert.go commitToHistory, exporter/containerimage/writer.go patchImageConfig), so
  // separate builds give the same image ID; without it they carry the time of the build.
  it('with SOURCE_DATE_EPOCH, a separate run gives the same image ID (reproducible build)', () => {
    const id = section('ids').trim();
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const [a, b] = again.map((x) => x.stdout.trim().split('\n'));
    expect(a![0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a).toEqual([a![0], a![0]]);
    expect(b).toEqual(a);
    expect(a![0]).not.toBe(id);
  });

  it('docker history lists the steps newest first, <missing> below the top, BuildKit comments', () => {
    const lines = section('history').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^IMAGE +CREATED +CREATED BY +SIZE +COMMENT$/);
    expect(lines[1]).toMatch(/^[0-9a-f]{12} +.+ ago +CMD \["cat" "hello\.txt"\] +0B +buildkit\.dockerfile\.v0$/);
    expect(lines[2]).toMatch(/^<missing> +.+ago +RUN \/bin\/sh -c echo built > built\.txt # buil… +[\d.]+[kM]?B +buildkit\.dockerfile\.v0$/);
    expect(lines[3]).toMatch(/^<missing> +.+ago +COPY hello\.txt \. # buildkit +[\d.]+[kM]?B +buildkit\.dockerfile\.v0$/);
    expect(lines[4]).toMatch(/^<missing> +.+ago +WORKDIR \/app +[\d.]+[kM]?B +buildkit\.dockerfile\.v0$/);
  });

  it('docker image inspect prints docker\'s JSON (4-space indent) with RootFS layers and config', () => {
    const parsed = JSON.parse(section('inspect')) as Array<Record<string, any>>;
    expect(parsed).toHaveLength(1);
    const img = parsed[0]!;
    expect(img.Id).toBe(section('ids').trim());
    expect(img.RepoTags).toEqual(['hello:1']);
    expect(img.Architecture).toBe('amd64');
    expect(img.Os).toBe('linux');
    expect(img.Config.Cmd).toEqual(['cat', 'hello.txt']);
    expect(img.Config.WorkingDir).toBe('/app');
    expect(img.RootFS.Type).toBe('layers');
    expect(img.RootFS.Layers).toHaveLength(4);
    expect(section('inspect')).toMatch(/^\[\n    \{\n        "Id": /);
  });

  // Without -a, prune keeps what the tagged image uses (see docker-truth.test.ts); -a removes all of it.
  it('docker system df reports the build cache, and builder prune -a empties it', () => {
    const df = section('df');
    expect(df.split('\n')[0]).toMatch(/^TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE$/);
    expect(df).toMatch(/^Build Cache +3 +0 +[\d.]+[kM]?B +[\d.]+[kM]?B$/m);
    const prune = section('prune');
    expect(prune).toMatch(/^Deleted build cache objects:\n([a-z0-9]{25}\n){3}\nTotal reclaimed space: [\d.]+[kM]?B\n$/);
    expect(section('df2')).toMatch(/^Build Cache +0 +0 +0B +0B$/m);
  });

  it('docker rmi untags and deletes the built image', () => {
    expect(section('rmi')).toBe(`Untagged: hello:1\nDeleted: ${section('ids').trim()}\n`);
  });
});
