// Where the lab used to differ from Docker (issue 14), end to end through the headless CLI. Each test names
// the source of the behaviour it states.
import { beforeAll, describe, expect, it } from 'vitest';
import { layerlab, project, type CliResult } from './helpers.ts';

const SLOW = 300_000;
/** A time shortly before now, as HumanDuration words it (a busy machine can take a minute). */
const RECENT = '(?:Less than a second|1 second|\\d+ seconds|About a minute|\\d+ minutes) ago';

const FILES = {
  Dockerfile: 'FROM alpine:3.21\nWORKDIR /app\nCOPY hello.txt .\nRUN echo built > built.txt\n',
  'hello.txt': 'hello\n',
};

/** The text between `echo ===name` and the next marker. */
function sectionOf(r: CliResult, name: string): string {
  const rest = r.stdout.split(`===${name}\n`)[1];
  if (rest === undefined) throw new Error(`no section ${name} in:\n${r.stdout}`);
  return rest.split(/^===/m)[0]!;
}

describe('times, build cache, prune and dangling images', () => {
  let r: CliResult;
  beforeAll(async () => {
    const dir = await project(FILES);
    const script = [
      'docker build -q -t t:1 .',
      'echo ===images',
      'docker images --format table',
      'echo ===history',
      'docker history t:1',
      'echo ===df',
      'docker system df',
      'echo ===dfv',
      'docker system df -v',
      'echo ===prompt',
      'docker builder prune',
      'echo ===prompt-all',
      'docker builder prune -a',
      'echo ===prune',
      'docker builder prune -f',
      'echo ===rebuild',
      'docker build -t t:1 --explain-cache .',
      'echo ===prune-all',
      'docker builder prune -a -f',
      'echo ===df-after',
      'docker system df',
      'echo x >> hello.txt',
      'docker build -q -t t:1 .',
      'echo ===tree',
      'docker images',
      'echo ===table',
      'docker images --format table',
      'echo ===tree-all',
      'docker images -a',
      'echo ===table-all',
      'docker images -a --format table',
      'docker run --name stopped t:1 true',
      'echo ===system-prompt',
      'docker system prune',
      'echo ===system-prompt-all',
      'docker system prune -a',
      'echo ===system',
      'docker system prune -f',
      'echo ===after-system',
      'docker images -a --format table',
      'docker ps -a',
      'docker rmi t:1',
      'echo ===prune-after-rmi',
      'docker builder prune -f',
      'echo ===system-all',
      'docker system prune -a -f',
      'echo ===end',
      'docker images -a --format table',
    ].join('\n');
    r = await layerlab(['--context', dir, '-c', script]);
  }, SLOW);

  // docker images' CREATED is the config's `created` (docker/cli cli/command/formatter/image.go
  // CreatedSince: HumanDuration(now - created) + " ago"); BuildKit makes it the last layer's time.
  it('docker images: an image built just now was created moments ago', () => {
    expect(sectionOf(r, 'images')).toMatch(new RegExp(`^t +1 +[0-9a-f]{12} +${RECENT} +`, 'm'));
  });

  // BuildKit fills each history entry from its layer's cache record time (exporter/containerimage/writer.go
  // normalizeLayersAndHistory); the base image's entries keep the base's own times.
  it('docker history: the new steps show now, the base image rows their own older time', () => {
    const lines = sectionOf(r, 'history').trimEnd().split('\n');
    expect(lines.slice(1, 4).every((l) => new RegExp(`^\\S+ +${RECENT} `).test(l))).toBe(true);
    expect(lines.slice(4).every((l) => /^<missing> +\d+ years? ago /.test(l))).toBe(true);
    expect(lines).toHaveLength(6);
  });

  // Build cache sizes: the layers' content (hello.txt and built.txt are 6 bytes each, WORKDIR adds none),
  // not their tar size (which is kilobytes). BuildKit counts the snapshot's disk blocks; the lab counts file
  // contents, as it does in docker history (see src/engine/builder/cache.ts recordSize). Records a tagged
  // image uses are shared, and shared records are not reclaimable (moby
  // daemon/internal/builder-next/builder.go DiskUsage; BuildKit cache/manager.go markShared).
  it('docker system df counts the build cache by content size; what t:1 uses is shared, not reclaimable', () => {
    expect(sectionOf(r, 'df')).toMatch(/^Build Cache +3 +0 +12B +0B$/m);
    const rows = sectionOf(r, 'dfv').split('Build cache usage: 12B\n\n')[1]!.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^CACHE ID +CACHE TYPE +SIZE +CREATED +LAST USED +USAGE +SHARED$/);
    expect(rows.slice(1).map((l) => l.split(/ {2,}/).filter(Boolean).at(-1))).toEqual(['true', 'true', 'true']);
  });

  // docker/cli cli/command/builder/prune.go: the two warnings, "Deleted build cache objects:" with one ID
  // per line, a blank line, then "Total reclaimed space:".
  it('docker builder prune: the CLI\'s two prompts', () => {
    expect(sectionOf(r, 'prompt')).toBe('WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] \n');
    expect(sectionOf(r, 'prompt-all')).toBe('WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] \n');
  });

  // BuildKit cache/manager.go pruneOnce: without --all it skips the records a reference checker calls
  // shared. With the containerd image store (Docker 29's default; moby builder-next's containerd worker is
  // BuildKit's base worker, worker/base/worker.go, whose checker is snapshot/imagerefchecker/checker.go) a
  // record is shared when its layer chain is an image's layer list; the records below it stay because it
  // holds them. So prune -f keeps what t:1 is made of, and its next build is all CACHED.
  it('builder prune -f keeps the records a tagged image uses: the next build is all CACHED', () => {
    expect(sectionOf(r, 'prune')).toBe('Total reclaimed space: 0B\n');
    const explained = sectionOf(r, 'rebuild');
    expect(explained).toMatch(/WORKDIR \/app\n +CACHED/);
    expect(explained).toMatch(/COPY hello\.txt \.\n +CACHED/);
    expect(explained).toMatch(/RUN echo built > built\.txt\n +CACHED/);
  });

  it('builder prune -a -f removes them too, listing each ID and the content size reclaimed', () => {
    expect(sectionOf(r, 'prune-all')).toMatch(/^Deleted build cache objects:\n([a-z0-9]{25}\n){3}\nTotal reclaimed space: 12B\n$/);
    expect(sectionOf(r, 'df-after')).toMatch(/^Build Cache +0 +0 +0B +0B$/m);
  });

  it('after docker rmi, builder prune -f removes the records the image used', () => {
    // hello.txt is now "hello\nx\n" (8 bytes), built.txt 6.
    expect(sectionOf(r, 'prune-after-rmi')).toMatch(/^Deleted build cache objects:\n([a-z0-9]{25}\n){3}\nTotal reclaimed space: 14B\n$/);
  });

  // docker/cli cli/command/image/list.go: without --all, images for which isDangling is true (no tags) are
  // dropped before either the tree view or the classic table is printed.
  it('docker images hides the dangling image in the tree view and the table; -a shows it', () => {
    const table = sectionOf(r, 'table');
    expect(table).not.toMatch(/<none>/);
    expect(table).toMatch(/^t +1 /m);
    expect(sectionOf(r, 'tree')).not.toMatch(/<untagged>/);
    expect(sectionOf(r, 'table-all')).toMatch(/^<none> +<none> +[0-9a-f]{12} /m);
    expect(sectionOf(r, 'tree-all')).toMatch(/^<untagged> +[0-9a-f]{12} /m);
  });

  // docker/cli cli/command/system/prune.go confirmationTemplate and the pruners' dry-run messages
  // (container, network, image and builder prune.go pruneFn).
  it('docker system prune asks with the CLI\'s list, which -a changes for images and the build cache', () => {
    expect(sectionOf(r, 'system-prompt')).toBe(
      'WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all dangling images\n  - unused build cache\n\nAre you sure you want to continue? [y/N] \n',
    );
    expect(sectionOf(r, 'system-prompt-all')).toBe(
      'WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all images without at least one container associated to them\n  - all build cache\n\nAre you sure you want to continue? [y/N] \n',
    );
    expect(r.stderr).toContain('In this lab, prompts cannot be answered: run "docker system prune -a -f" to prune without the prompt.');
  });

  // The pruners run in the order containers, networks, volumes, images, build cache (pruner.go pruneOrder);
  // each section is printed with Println, then one "Total reclaimed space:" for all.
  // The build cache of the tagged t:1 is shared, so system prune without -a keeps it.
  it('docker system prune -f removes stopped containers and dangling images, and keeps what t:1 uses', () => {
    const out = sectionOf(r, 'system');
    expect(out).toMatch(/^Deleted Containers:\n[0-9a-f]{64}\n\nDeleted Images:\ndeleted: sha256:[0-9a-f]{64}\n\nTotal reclaimed space: [\d.]+k?B\n$/);
    const after = sectionOf(r, 'after-system');
    expect(after).not.toMatch(/<none>/);
    expect(after).toMatch(/^t +1 /m);
    expect(after).toMatch(/^alpine +3\.21 /m);
  });

  it('docker system prune -a -f also removes every image no container uses', () => {
    const out = sectionOf(r, 'system-all');
    expect(out).toMatch(/^Deleted Images:\nuntagged: /);
    expect(out).toMatch(/Total reclaimed space: [\d.]+[kM]?B\n$/);
    // An empty table is its header, padded as Go's tabwriter pads it (minimum cell width 10, padding 3:
    // docker/cli cli/command/formatter/formatter.go).
    expect(sectionOf(r, 'end')).toBe('REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n');
  });
});

describe('the # syntax directive and exec-form RUN of a missing program', () => {
  let syntax: CliResult;
  let missing: CliResult;
  beforeAll(async () => {
    const a = await project({ Dockerfile: '# syntax=docker/dockerfile:1\nFROM alpine:3.21\nRUN echo hi\n' });
    syntax = await layerlab(['--context', a, '-c', 'docker build --progress=plain .']);
    const b = await project({ Dockerfile: 'FROM alpine:3.21\nRUN ["nosuch", "--flag"]\n' });
    missing = await layerlab(['--context', b, '-c', 'docker build --progress=plain .']);
  }, SLOW);

  // BuildKit pulls the frontend image the directive names (docker/dockerfile frontend docs; the
  // "resolve image config for docker-image://…" vertices). The lab has one built-in frontend and says so once.
  it('# syntax= is acknowledged once in the build output, in the lab\'s words', () => {
    expect(syntax.status).toBe(0);
    const said = syntax.stderr.split('\n').filter((l) => l.includes('no frontend image is pulled'));
    expect(said).toEqual(['#2 [internal] syntax=docker/dockerfile:1: in this lab no frontend image is pulled; the built-in Dockerfile frontend is used']);
    expect(syntax.stderr).not.toMatch(/docker-image:\/\/docker\.io\/docker\/dockerfile/);
  });

  // runc's init looks the program up with Go's exec.LookPath (libcontainer/standard_init_linux.go), fails
  // with "exec: \"nosuch\": executable file not found in $PATH", wrapped as "error during container init"
  // (process_linux.go), "unable to start container process" (container_linux.go) and "runc run failed"
  // (run.go); runc exits 1 (utils.go fatal), which BuildKit reports as the step's exit code
  // (executor/runcexecutor/executor.go exitError, solver/llbsolver/ops/exec.go).
  it('exec-form RUN of a missing program shows runc\'s error and exit code 1', () => {
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /^#\d+ [\d.]+ runc run failed: unable to start container process: error during container init: exec: "nosuch": executable file not found in \$PATH$/m,
    );
    expect(missing.stderr).toMatch(/^#\d+ ERROR: process "nosuch --flag" did not complete successfully: exit code: 1$/m);
    expect(missing.stderr).toMatch(/^ERROR: failed to build: failed to solve: process "nosuch --flag" did not complete successfully: exit code: 1$/m);
    expect(missing.stderr).not.toMatch(/exit code: 127/);
  });
});

describe('SOURCE_DATE_EPOCH in the CLI\'s environment', () => {
  let r: CliResult;
  beforeAll(async () => {
    const dir = await project({ Dockerfile: 'FROM alpine:3.21\nRUN echo one > /one\n' });
    const script = [
      'docker build -q -t e:1 .',
      'docker build -q -t e:2 --build-arg SOURCE_DATE_EPOCH=1000000000 .',
      'echo ===images',
      'docker images --format table e',
      'echo ===history',
      'docker history e:1',
      'echo ===inspect',
      "docker image inspect --format '{{.Created}}' e:1",
      'echo ===inspect2',
      "docker image inspect --format '{{.Created}}' e:2",
    ].join('\n');
    r = await layerlab(['--context', dir, '-c', script], { env: { SOURCE_DATE_EPOCH: '0' } });
  }, SLOW);

  // buildx copies the environment variable into the build arg unless --build-arg sets it
  // (docker/buildx commands/build.go); BuildKit stamps the history and the image with it.
  it('becomes the build\'s SOURCE_DATE_EPOCH, and --build-arg wins over it', () => {
    expect(r.status).toBe(0);
    expect(sectionOf(r, 'inspect')).toBe('1970-01-01T00:00:00Z\n');
    expect(sectionOf(r, 'inspect2')).toBe('2001-09-09T01:46:40Z\n');
  });

  // docker images prints any time with HumanDuration (cli/command/formatter/image.go CreatedSince);
  // docker history prints N/A up to 2000-01-01 (cli/command/image/formatter_history.go).
  it('docker images shows 1970 as years ago; docker history shows N/A for it', () => {
    expect(sectionOf(r, 'images')).toMatch(/^e +1 +[0-9a-f]{12} +5\d years ago +/m);
    const rows = sectionOf(r, 'history').trimEnd().split('\n');
    expect(rows[1]).toMatch(/^[0-9a-f]{12} +N\/A +RUN \/bin\/sh -c echo one > \/one # buildkit /);
    expect(rows.at(-1)).toMatch(/^<missing> +\d+ years? ago +ADD /);
  });
});

describe('--no-cache in real time', () => {
  let r: CliResult;
  beforeAll(async () => {
    const dir = await project(FILES);
    r = await layerlab(['--context', dir, '-c', 'docker build -q -t n:1 .\ndocker build -q -t n:1 --no-cache .\ndocker build -q -t n:1 .']);
  }, SLOW);

  // The re-run steps' layers are made now, and BuildKit writes their times to the nanosecond
  // (exporter/containerimage/writer.go normalizeLayersAndHistory; Go's RFC 3339 with fractions), so even
  // a build straight after the first gets a new image ID; a cached build after it repeats that ID.
  it('gives a new image ID right after a build, and a cached build repeats the newest one', () => {
    const [first, nocache, cached] = r.stdout.trim().split('\n');
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(nocache).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(nocache).not.toBe(first);
    expect(cached).toBe(nocache);
  });
});
