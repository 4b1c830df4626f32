// The image config assembler (src/engine/image/config.ts) is the one place the lab makes a new image's
// config: a build's export and the catalogue's base images both go through it, so every field of Docker's
// image config survives, VOLUME's Volumes and HEALTHCHECK's Healthcheck included. The catalogue's own
// assembler used to drop those two.
//
// Docker's image config is the OCI ImageConfig (opencontainers/image-spec specs-go/v1/config.go: User,
// ExposedPorts, Env, Entrypoint, Cmd, Volumes, WorkingDir, Labels, StopSignal, ArgsEscaped) followed by
// Docker's extensions (moby/docker-image-spec specs-go/v1/image.go DockerOCIImageConfigExt: Healthcheck,
// OnBuild, Shell), all omitempty; Volumes is a map of empty objects and HealthcheckConfig's durations
// are Go time.Duration values, which encoding/json writes as integer nanoseconds.
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyDir, fileNode, setNode, textContent } from '../../../src/engine/fs/index.ts';
import { assembleImage, diffLayer } from '../../../src/engine/image/index.ts';
import { layerlab, project, type CliResult } from '../cli/helpers.ts';

const SLOW = 300_000;

describe('assembleImage', () => {
  it('writes Volumes and Healthcheck into the config JSON in Go struct order, durations in nanoseconds', async () => {
    const layer = await diffLayer(emptyDir(), setNode(emptyDir(), '/keep', fileNode(textContent(''))));
    const image = await assembleImage([layer], {
      config: {
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
        Cmd: ['redis-server'],
        Volumes: { '/data': {} },
        WorkingDir: '/data',
        Healthcheck: { Test: ['CMD-SHELL', 'redis-cli ping'], Interval: 30_000_000_000, Retries: 3 },
      },
      history: [{ created_by: 'COPY . /data # buildkit', comment: 'buildkit.dockerfile.v0' }],
    });
    const config = image.config.json.slice(image.config.json.indexOf('"config":'), image.config.json.indexOf(',"created"'));
    expect(config).toBe(
      '"config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["redis-server"],' +
        '"Volumes":{"/data":{}},"WorkingDir":"/data",' +
        '"Healthcheck":{"Test":["CMD-SHELL","redis-cli ping"],"Interval":30000000000,"Retries":3}}',
    );
    expect(image.config.json).toContain('"architecture":"amd64"');
    expect(image.config.json).toContain('"os":"linux"');
  });

  it('leaves out empty fields, as omitempty does', async () => {
    const image = await assembleImage([], { config: { Env: [], Volumes: {}, Labels: {} }, history: [] });
    expect(image.config.json).toContain('"config":{}');
  });
});

describe('VOLUME and HEALTHCHECK in docker image inspect', () => {
  let r: CliResult;
  const section = (name: string): string => r.stdout.split(`===${name}\n`)[1]!.split(/^===/m)[0]!;
  const configOf = (name: string): Record<string, unknown> => JSON.parse(section(name)) as Record<string, unknown>;
  const volumes = { '/data': {} };
  // HEALTHCHECK's --interval=30s and --retries=3; CMD-SHELL because the command is in shell form
  // (BuildKit dockerfile2llb dispatchHealthcheck).
  const healthcheck = { Test: ['CMD-SHELL', 'wget -q -O- http://localhost/ || exit 1'], Interval: 30_000_000_000, Retries: 3 };

  beforeAll(async () => {
    const dir = await project({
      Dockerfile: 'FROM alpine:3.21\nVOLUME /data\nHEALTHCHECK --interval=30s --retries=3 CMD wget -q -O- http://localhost/ || exit 1\nCMD ["sleep", "1000"]\n',
      'child/Dockerfile': 'FROM base:1\nLABEL role=child\n',
    });
    r = await layerlab([
      '--context', dir, '-c',
      [
        'docker build -q -t base:1 .',
        'docker build -q -t child:1 child',
        'docker run --name c1 base:1 true',
        'docker commit c1 committed:1',
        'echo ===built',
        'docker image inspect --format "{{json .Config}}" base:1',
        'echo ===child',
        'docker image inspect --format "{{json .Config}}" child:1',
        'echo ===committed',
        'docker image inspect --format "{{json .Config}}" committed:1',
      ].join('\n'),
    ], { env: { SOURCE_DATE_EPOCH: '0' } });
  }, SLOW);

  it('the commands succeed', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a built image carries Volumes and Healthcheck', () => {
    const config = configOf('built');
    expect(config.Volumes).toEqual(volumes);
    expect(config.Healthcheck).toEqual(healthcheck);
  });

  it('an image built FROM it inherits both (a stage starts from its base image\'s config)', () => {
    const config = configOf('child');
    expect(config.Volumes).toEqual(volumes);
    expect(config.Healthcheck).toEqual(healthcheck);
    expect(config.Labels).toEqual({ role: 'child' });
  });

  it('docker commit keeps both from the image the container runs (moby daemon/commit.go merge)', () => {
    const config = configOf('committed');
    expect(config.Volumes).toEqual(volumes);
    expect(config.Healthcheck).toEqual(healthcheck);
    expect(config.Cmd).toEqual(['true']);
  });
});
