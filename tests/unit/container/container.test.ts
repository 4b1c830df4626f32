import { beforeAll, describe, expect, it } from 'vitest';
import { createLabEngine, type LabEngine, type StoredImage } from '../../../src/engine/index.ts';
import { pullImage } from '../../../src/engine/registry/index.ts';
import { labContainers, ContainerError, probeServer } from '../../../src/engine/container/index.ts';
import { contentText, emptyDir, fileNode, getNode, setNode, textContent } from '../../../src/engine/fs/index.ts';
import { applyLayers, readLayerTar, layerTarBytes } from '../../../src/engine/image/index.ts';

let engine: LabEngine;
let alpine: StoredImage;

beforeAll(async () => {
  engine = createLabEngine();
  const r = await pullImage(engine, 'alpine:3.21');
  if (!r.ok) throw new Error(r.error);
  alpine = r.image;
}, 60_000);

const text = (root: Parameters<typeof getNode>[0], path: string): string | undefined => {
  const n = getNode(root, path);
  return n?.type === 'file' ? contentText(n.content) : undefined;
};

describe('containers', () => {
  it('two containers of one image never see each other\'s writes, and the image stays unchanged', async () => {
    const ce = labContainers(engine);
    const imageBefore = alpine.rootfs!;
    const a = await ce.create({ image: alpine, imageRef: 'alpine:3.21', cmd: ['sh', '-c', 'echo from-a > /shared.txt; rm /etc/motd'] });
    const b = await ce.create({ image: alpine, imageRef: 'alpine:3.21', cmd: ['sh', '-c', 'echo from-b > /shared.txt'] });
    expect((await ce.start(a.id)).exitCode).toBe(0);
    expect((await ce.start(b.id)).exitCode).toBe(0);
    expect(text(a.root, '/shared.txt')).toBe('from-a\n');
    expect(text(b.root, '/shared.txt')).toBe('from-b\n');
    expect(getNode(a.root, '/etc/motd')).toBeUndefined();
    expect(getNode(b.root, '/etc/motd')?.type).toBe('file');
    // The image's tree is the same object and still has no /shared.txt.
    expect(alpine.rootfs).toBe(imageBefore);
    expect(getNode(alpine.rootfs!, '/shared.txt')).toBeUndefined();
    // A third container starts from the pristine image.
    const c = await ce.create({ image: alpine, imageRef: 'alpine:3.21', cmd: ['cat', '/shared.txt'] });
    const r = await ce.start(c.id);
    expect(r.exitCode).toBe(1);
    expect(r.output.map((o) => o.text).join('')).toContain('No such file or directory');
  });

  it('docker diff lists A, C and D with the copied-up parent directories', async () => {
    const ce = labContainers(engine);
    const c = await ce.create({ image: alpine, imageRef: 'alpine:3.21', cmd: ['sh', '-c', 'mkdir -p /srv/data && echo x > /srv/data/f && echo y >> /etc/alpine-release && rm /etc/motd'] });
    await ce.start(c.id);
    const lines = ce.diff(c.id);
    expect(lines).toEqual(expect.arrayContaining(['C /etc', 'C /etc/alpine-release', 'D /etc/motd', 'A /srv/data', 'A /srv/data/f']));
    // /srv exists in alpine's tree, so it was changed, not added.
    const srvInImage = getNode(alpine.rootfs!, '/srv') !== undefined;
    expect(lines).toContain(srvInImage ? 'C /srv' : 'A /srv');
    const paths = lines.map((l) => l.slice(2));
    expect([...paths].sort()).toEqual(paths);
  });

  it('docker commit turns the writable layer into a new top layer with whiteouts', async () => {
    const ce = labContainers(engine);
    const c = await ce.create({ image: alpine, imageRef: 'alpine:3.21', cmd: ['sh', '-c', 'echo note > /note.txt && rm /etc/motd'] });
    await ce.start(c.id);
    const img = await ce.commit(c.id, { tags: ['docker.io/library/snap:1'] });
    expect(img.layers.length).toBe(alpine.layers.length + 1);
    expect(img.layers.slice(0, -1).map((l) => l.digest)).toEqual(alpine.layers.map((l) => l.digest));
    // Read the new layer's tar back independently: it adds /note.txt and whites out /etc/motd.
    const top = img.layers.at(-1)!;
    const tar = layerTarBytes(top);
    const names = new TextDecoder('latin1').decode(tar);
    expect(ce.writableSize(c)).toBe('note\n'.length);
    expect(names).toContain('note.txt');
    expect(names).toContain('etc/.wh.motd');
    const changes = readLayerTar(tar);
    const root = applyLayers(alpine.rootfs!, [changes]);
    expect(text(root, '/note.txt')).toBe('note\n');
    expect(getNode(root, '/etc/motd')).toBeUndefined();
    expect(engine.images.resolve('snap:1')?.id).toBe(img.id);
  });

  // moby daemon/commit.go CreateImageFromContainer: the new config is the container's own Config (merge()
  // puts -e values first, then the image's variables they do not set), and
  // daemon/containerd/image_commit.go generateCommitImageConfig writes the history line from its Cmd.
  // HOSTNAME, HOME and TERM are added by the runtime to the process only (daemon/container/env.go), so
  // they are not in the committed Env.
  it('docker commit stores the container\'s own command and environment, without the runtime\'s HOME', async () => {
    const ce = labContainers(engine);
    const c = await ce.create({ image: alpine, imageRef: 'alpine:3.21', tty: true, env: ['GREETING=hi'], workdir: '/tmp', ports: ['8080:80'], cmd: ['sh', '-c', 'echo $GREETING > /g.txt'] });
    await ce.start(c.id);
    expect(c.env).toContain('HOME=/root');
    const img = await ce.commit(c.id);
    const cfg = JSON.parse(img.configJson) as { config: Record<string, unknown>; history: { created_by?: string }[] };
    expect(cfg.config).toEqual({
      ExposedPorts: { '80/tcp': {} },
      Env: ['GREETING=hi', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['sh', '-c', 'echo $GREETING > /g.txt'],
      WorkingDir: '/tmp',
    });
    expect(cfg.history.at(-1)!.created_by).toBe('sh -c echo $GREETING > /g.txt');
  });

  it('docker commit with an entrypoint keeps it and writes only the Cmd into the history line', async () => {
    const ce = labContainers(engine);
    const c = await ce.create({ image: alpine, imageRef: 'alpine:3.21', entrypoint: 'echo', cmd: ['one', 'two'] });
    await ce.start(c.id);
    const img = await ce.commit(c.id);
    const cfg = JSON.parse(img.configJson) as { config: { Entrypoint?: string[]; Cmd?: string[] }; history: { created_by?: string }[] };
    expect(cfg.config.Entrypoint).toEqual(['echo']);
    expect(cfg.config.Cmd).toEqual(['one', 'two']);
    expect(cfg.history.at(-1)!.created_by).toBe('one two');
  });

  it('refuses duplicate names and removing a running container', async () => {
    const ce = labContainers(engine);
    await ce.create({ image: alpine, imageRef: 'alpine:3.21', name: 'dup', cmd: ['true'] });
    await expect(ce.create({ image: alpine, imageRef: 'alpine:3.21', name: 'dup', cmd: ['true'] })).rejects.toThrow(/Conflict\. The container name "\/dup" is already in use/);
    const s = await ce.create({ image: alpine, imageRef: 'alpine:3.21', name: 'sleepy', cmd: ['sh'] });
    s.state = 'running';
    expect(() => ce.remove('sleepy')).toThrow(ContainerError);
    expect(() => ce.remove('sleepy')).toThrow(/container is running: stop the container before removing or force remove/);
    ce.remove('sleepy', { force: true });
    expect(ce.get('sleepy')).toBeUndefined();
  });

  it('reports a missing executable as exit 127', async () => {
    const ce = labContainers(engine);
    const c = await ce.create({ image: alpine, imageRef: 'alpine:3.21', cmd: ['curl', 'example.com'] });
    await expect(ce.start(c.id)).rejects.toMatchObject({ status: 127 });
    expect(c.exitCode).toBe(127);
  });

  it('exec writes into the running container only', async () => {
    const ce = labContainers(engine);
    const c = await ce.create({ image: alpine, imageRef: 'alpine:3.21', cmd: ['sh'] });
    c.state = 'running';
    const r = await ce.exec(c.id, ['sh', '-c', 'echo hi > /tmp/x && cat /tmp/x']);
    expect(r.output.map((o) => o.text).join('')).toBe('hi\n');
    expect(text(c.root, '/tmp/x')).toBe('hi\n');
    expect(getNode(alpine.rootfs!, '/tmp/x')).toBeUndefined();
  });

  it('an interactive session keeps cd between lines and exit stops the main shell', async () => {
    const ce = labContainers(engine);
    const c = await ce.create({ image: alpine, imageRef: 'alpine:3.21', cmd: ['/bin/sh'], tty: true, interactive: true });
    c.state = 'running';
    const s = ce.session(c.id, c.argv);
    expect(s.prompt()).toBe('/ # ');
    await s.run('cd /etc');
    expect(s.prompt()).toBe('/etc # ');
    const r = await s.run('cat alpine-release');
    expect(r.output.map((o) => o.text).join('')).toMatch(/^3\.21\.\d+\n$/);
    await s.run('exit 3');
    expect(s.closed).toBe(true);
    expect(c.state).toBe('exited');
    expect(c.exitCode).toBe(3);
  });
});

describe('server-like main processes', () => {
  const script = `const express = require('express');\nconst app = express();\nconst port = process.env.PORT || 3000;\napp.listen(port, () => {\n  console.log(\`Listening on port \${port}\`);\n});\n`;
  let root = emptyDir();
  root = setNode(root, '/app/src/index.js', fileNode(textContent(script)));
  root = setNode(root, '/app/node_modules/express/package.json', fileNode(textContent('{}')));

  it('a node program that listens keeps running, printing its start-up line', () => {
    const p = probeServer(root, ['node', 'src/index.js'], '/app', {}, 0);
    expect(p.kind).toBe('server');
    if (p.kind === 'server') {
      expect(p.start.logs.map((l) => l.text)).toEqual(['Listening on port 3000']);
      // PID 1 without a SIGTERM handler: docker stop waits, then kills (128 + 9).
      expect(p.start.stopExitCode).toBe(137);
    }
    const withEnv = probeServer(root, ['node', 'src/index.js'], '/app', { PORT: '8080' }, 0);
    expect(withEnv.kind === 'server' && withEnv.start.logs[0]!.text).toBe('Listening on port 8080');
  });

  it('a node program whose dependencies were never installed fails like node does', () => {
    const bare = setNode(emptyDir(), '/app/src/index.js', fileNode(textContent(script)));
    const p = probeServer(bare, ['node', 'src/index.js'], '/app', {}, 0);
    expect(p.kind).toBe('fails');
    if (p.kind === 'fails') expect(p.stderr).toContain("Error: Cannot find module 'express'");
  });
});

describe('published ports', () => {
  it('a second running container cannot publish the same host port', async () => {
    const e = createLabEngine();
    const r = await pullImage(e, 'alpine:3.21');
    if (!r.ok) throw new Error(r.error);
    const ce = labContainers(e);
    const a = await ce.create({ image: r.image, imageRef: 'alpine:3.21', cmd: ['sh'], ports: ['8080:80'] });
    a.state = 'running';
    const b = await ce.create({ image: r.image, imageRef: 'alpine:3.21', cmd: ['true'], ports: ['8080:80'] });
    await expect(ce.start(b.id)).rejects.toThrow('Bind for 0.0.0.0:8080 failed: port is already allocated');
    expect(b.state).toBe('created');
    const other = await ce.create({ image: r.image, imageRef: 'alpine:3.21', cmd: ['true'], ports: ['8081:80'] });
    expect((await ce.start(other.id)).exitCode).toBe(0);
  }, 60_000);
});
