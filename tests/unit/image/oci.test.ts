import { describe, expect, it } from 'vitest';
import { emptyDir, fileNode, setNode, textContent } from '../../../src/engine/fs/index.ts';
import {
  buildImage, buildImageConfig, buildIndex, buildManifest, chainIds, descriptorOf, diffLayer, goJson,
  imageId, sha256,
} from '../../../src/engine/image/index.ts';
import { nodeSha256 } from './helpers.ts';

const d = (c: string) => 'sha256:' + c.repeat(64);

describe('chain IDs', () => {
  it('match ChainID(L0)=DiffID(L0), ChainID(L0..n)=sha256(ChainID(n-1) + " " + DiffID(n)), computed with node:crypto', async () => {
    const diffs = [d('a'), d('b'), d('c')];
    const c1 = nodeSha256(`${diffs[0]} ${diffs[1]}`);
    const c2 = nodeSha256(`${c1} ${diffs[2]}`);
    expect(await chainIds(diffs)).toEqual([diffs[0], c1, c2]);
    expect(await chainIds([])).toEqual([]);
  });

  it('sha256 hashes strings as UTF-8 and bytes as given', async () => {
    expect(await sha256('é')).toBe(nodeSha256(Buffer.from('é', 'utf8')));
    expect(await sha256(new Uint8Array([1, 2, 3]))).toBe(nodeSha256(new Uint8Array([1, 2, 3])));
  });
});

describe('Go encoding/json compatibility', () => {
  it('escapes <, >, & and U+2028 like Go and writes no whitespace', () => {
    expect(goJson({ b: 'a && b <c>', a: ['\u2028', '\n\t\u0001\b\f'], n: 3, t: true, z: null })).toBe(
      '{"b":"a \\u0026\\u0026 b \\u003cc\\u003e","a":["\\u2028","\\n\\t\\u0001\\b\\f"],"n":3,"t":true,"z":null}',
    );
  });
});

describe('image config', () => {
  const history = [
    { created_by: '/bin/sh -c #(nop) ADD file:abc in / ', created: '2023-06-14T20:41:59.079795125Z' },
    { created_by: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', created: '2023-06-14T20:41:59.1Z', empty_layer: true },
    { created_by: 'WORKDIR /app', comment: 'buildkit.dockerfile.v0' },
    { created_by: 'RUN /bin/sh -c apk add curl && rm -rf /var/cache/apk # buildkit', comment: 'buildkit.dockerfile.v0' },
    { created_by: 'CMD ["node" "app.js"]', comment: 'buildkit.dockerfile.v0', empty_layer: true },
  ];

  it('is written as BuildKit writes it: sorted top-level keys, struct-ordered config, Go escaping, epoch dates', async () => {
    const cfg = await buildImageConfig({
      architecture: 'amd64',
      os: 'linux',
      config: {
        Cmd: ['node', 'app.js'],
        WorkingDir: '/app',
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NODE_ENV=production'],
        Labels: { 'org.opencontainers.image.title': 'demo', 'a.b': 'x' },
        ExposedPorts: { '8080/tcp': {} },
        User: 'node',
      },
      rootfs: { type: 'layers', diff_ids: [d('1'), d('2'), d('3')] },
      history,
    });
    // Expected bytes written by hand from the rules: Go map keys sorted at the top level (patchImageConfig
    // re-marshals a map), ImageConfig field order inside config, omitempty, history field order; a missing
    // time is the lab's fixed catalogue date (2024-01-01T00:00:00Z).
    const expected =
      '{"architecture":"amd64",' +
      '"config":{"User":"node","ExposedPorts":{"8080/tcp":{}},' +
      '"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","NODE_ENV=production"],' +
      '"Cmd":["node","app.js"],"WorkingDir":"/app","Labels":{"a.b":"x","org.opencontainers.image.title":"demo"}},' +
      '"created":"2024-01-01T00:00:00Z",' +
      '"history":[' +
      '{"created":"2023-06-14T20:41:59.079795125Z","created_by":"/bin/sh -c #(nop) ADD file:abc in / "},' +
      '{"created":"2023-06-14T20:41:59.1Z","created_by":"/bin/sh -c #(nop)  CMD [\\"/bin/sh\\"]","empty_layer":true},' +
      '{"created":"2024-01-01T00:00:00Z","created_by":"WORKDIR /app","comment":"buildkit.dockerfile.v0"},' +
      '{"created":"2024-01-01T00:00:00Z","created_by":"RUN /bin/sh -c apk add curl \\u0026\\u0026 rm -rf /var/cache/apk # buildkit","comment":"buildkit.dockerfile.v0"},' +
      '{"created":"2024-01-01T00:00:00Z","created_by":"CMD [\\"node\\" \\"app.js\\"]","comment":"buildkit.dockerfile.v0","empty_layer":true}],' +
      '"os":"linux",' +
      `"rootfs":{"type":"layers","diff_ids":["${d('1')}","${d('2')}","${d('3')}"]}}`;
    expect(cfg.json).toBe(expected);
    expect(cfg.size).toBe(Buffer.byteLength(expected));
    expect(cfg.digest).toBe(nodeSha256(expected));
    expect(await imageId(cfg.bytes)).toBe(nodeSha256(expected));
    expect(cfg.mediaType).toBe('application/vnd.oci.image.config.v1+json');
  });

  // The SOURCE_DATE_EPOCH clamp is the exporter's (BuildKit exporter/containerimage/writer.go
  // patchImageConfig), applied by the builder (tests/unit/builder/time.test.ts); the config writer keeps times.
  it('writes a later history time as given and keeps the count of non-empty entries equal to diff_ids', async () => {
    const cfg = await buildImageConfig({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: [d('1')] },
      history: [{ created_by: 'COPY x /x # buildkit', created: '2030-05-05T00:00:00Z' }],
    });
    const parsed = JSON.parse(cfg.json);
    expect(parsed.history[0].created).toBe('2030-05-05T00:00:00Z');
    expect(parsed.created).toBe('2024-01-01T00:00:00Z');
    expect(parsed.config).toEqual({});
  });

  it('repairs history that does not match the layers the way BuildKit does', async () => {
    const cfg = (history: Array<{ created_by?: string; empty_layer?: boolean }>, n: number) =>
      buildImageConfig({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [d('1'), d('2')].slice(0, n) }, history }).then(
        (c) => JSON.parse(c.json).history as Array<{ created_by?: string; comment?: string; empty_layer?: boolean }>,
      );
    // Too few entries: one is appended per missing layer, marked as coming from the exporter.
    expect(await cfg([{ created_by: 'COPY a / # buildkit' }], 2)).toEqual([
      { created: '2024-01-01T00:00:00Z', created_by: 'COPY a / # buildkit' },
      { created: '2024-01-01T00:00:00Z', comment: 'buildkit.exporter.image.v0' },
    ]);
    // Too many: entries past the last layer become empty_layer.
    expect((await cfg([{ created_by: 'A' }, { created_by: 'B' }, { created_by: 'C' }], 1)).map((h) => [h.created_by, h.empty_layer ?? false])).toEqual([
      ['A', false],
      ['B', true],
      ['C', true],
    ]);
  });

  it('builds a whole image whose history has as many non-empty entries as diff_ids', async () => {
    const t1 = setNode(emptyDir(), '/app/a.js', fileNode(textContent('a')));
    const t2 = setNode(t1, '/app/b.js', fileNode(textContent('b')));
    const layers = [await diffLayer(emptyDir(), t1), await diffLayer(t1, t2)];
    const image = await buildImage(layers, {
      architecture: 'amd64',
      os: 'linux',
      config: { Cmd: ['node', 'a.js'] },
      history: [
        { created_by: 'COPY a.js /app/ # buildkit', comment: 'buildkit.dockerfile.v0' },
        { created_by: 'ENV X=1', comment: 'buildkit.dockerfile.v0', empty_layer: true },
        { created_by: 'COPY b.js /app/ # buildkit', comment: 'buildkit.dockerfile.v0' },
        { created_by: 'CMD ["node" "a.js"]', comment: 'buildkit.dockerfile.v0', empty_layer: true },
      ],
    });
    const cfg = JSON.parse(image.config.json);
    const nonEmpty = cfg.history.filter((h: { empty_layer?: boolean }) => !h.empty_layer).length;
    expect(nonEmpty).toBe(cfg.rootfs.diff_ids.length);
    expect(cfg.rootfs.diff_ids).toEqual(layers.map((l) => l.diffId));

    const manifest = JSON.parse(image.manifest.json);
    expect(Object.keys(manifest)).toEqual(['schemaVersion', 'mediaType', 'config', 'layers']);
    expect(manifest).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: nodeSha256(image.config.json), size: Buffer.byteLength(image.config.json) },
      layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: l.digest, size: l.compressedSize })),
    });
    expect(image.manifest.digest).toBe(nodeSha256(image.manifest.json));
    expect(image.manifest.size).toBe(Buffer.byteLength(image.manifest.json));
    expect(image.manifest.json).not.toMatch(/\s/);
  });

  it('wraps manifests in an OCI index with platform descriptors', async () => {
    const cfg = await buildImageConfig({ architecture: 'arm64', os: 'linux', variant: 'v8', config: {}, rootfs: { type: 'layers', diff_ids: [] }, history: [] });
    expect(cfg.json).toBe('{"architecture":"arm64","config":{},"created":"2024-01-01T00:00:00Z","history":[],"os":"linux","rootfs":{"type":"layers","diff_ids":null},"variant":"v8"}');
    const manifest = await buildManifest(cfg, []);
    const index = await buildIndex([descriptorOf(manifest, { platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } })]);
    expect(index.json).toBe(
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[' +
        `{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"${nodeSha256(manifest.json)}","size":${manifest.size},` +
        '"platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]}',
    );
    expect(index.digest).toBe(nodeSha256(index.json));
  });
});
