// `docker history` SIZE is the layer's DiffSize (regular-file bytes), as Docker's classic image store
// shows it, checked against the layers of `docker save` read back here with Node's own gunzip and a
// small tar reader of this test (independent of the lab's image module).
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { layerlab, project, type CliResult } from './helpers.ts';

const SLOW = 300_000;
const PACKAGE_JSON = '{\n  "name": "sizes",\n  "version": "1.0.0"\n}\n';
const FILES = {
  // WORKDIR makes a directory only; COPY one file; RUN deletes a base file (whiteout), writes a file and a
  // symlink, so every entry type that must count 0 is present.
  // The last COPY copies package.json again, unchanged: the layer still carries it (overlayfs keeps what
  // a step writes), as Docker's does.
  Dockerfile: 'FROM alpine:3.21\nWORKDIR /app\nCOPY package.json .\nRUN rm -f /etc/motd && echo hello > /app/x.txt && ln -s x.txt /app/y\nCOPY . .\n',
  'package.json': PACKAGE_JSON,
};

/** Entries of an uncompressed tar: name, type flag and size (PAX and GNU long-name records skipped). */
function tarEntries(tar: Uint8Array): { name: string; type: string; size: number }[] {
  const out: { name: string; type: string; size: number }[] = [];
  const text = (off: number, len: number): string => {
    let end = off;
    while (end < off + len && tar[end] !== 0) end++;
    return Buffer.from(tar.subarray(off, end)).toString('utf8');
  };
  let pos = 0;
  while (pos + 512 <= tar.length) {
    if (tar.subarray(pos, pos + 512).every((b) => b === 0)) break;
    const size = parseInt(text(pos + 124, 12).trim() || '0', 8);
    const type = text(pos + 156, 1) || '0';
    const prefix = text(pos + 345, 155);
    const name = prefix ? `${prefix}/${text(pos, 100)}` : text(pos, 100);
    if (type !== 'x' && type !== 'g' && type !== 'L' && type !== 'K') out.push({ name, type, size });
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** DiffSize computed independently: regular files only ('0'), whiteouts count 0 (they are empty anyway). */
function regularFileBytes(entries: { name: string; type: string; size: number }[]): number {
  return entries.filter((e) => e.type === '0' && !e.name.split('/').pop()!.startsWith('.wh.')).reduce((n, e) => n + e.size, 0);
}

/** docker's units.HumanSizeWithPrecision(size, 3): decimal units, 3 significant digits as %g prints them. */
function goHumanSize(size: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = size;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(3))}${units[i]}`;
}

describe('docker history SIZE is the DiffSize of each layer', () => {
  let r: CliResult;
  let help: CliResult;
  let layers: { entries: { name: string; type: string; size: number }[] }[];
  beforeAll(async () => {
    const dir = await project(FILES);
    r = await layerlab(['--context', dir, '--write-back', '-c', 'docker build -q -t sizes .\ndocker history --no-trunc sizes\ndocker save -o sizes.tar sizes']);
    help = await layerlab(['-c', 'docker history --help']);
    const raw = new Uint8Array(await readFile(join(dir, 'sizes.tar')));
    // Read the OCI layout: index.json → manifest → layer blobs (gzip).
    const blobs = new Map<string, Uint8Array>();
    let pos = 0;
    while (pos + 512 <= raw.length && !raw.subarray(pos, pos + 512).every((b) => b === 0)) {
      const name = Buffer.from(raw.subarray(pos, pos + 100)).toString('utf8').replace(/\0.*$/s, '');
      const size = parseInt(Buffer.from(raw.subarray(pos + 124, pos + 136)).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
      blobs.set(name, raw.subarray(pos + 512, pos + 512 + size));
      pos += 512 + Math.ceil(size / 512) * 512;
    }
    const json = (name: string): any => JSON.parse(Buffer.from(blobs.get(name)!).toString('utf8'));
    const index = json('index.json');
    let manifest = json(`blobs/sha256/${index.manifests[0].digest.slice(7)}`);
    if (manifest.manifests) manifest = json(`blobs/sha256/${manifest.manifests[0].digest.slice(7)}`);
    layers = (manifest.layers as { digest: string }[]).map((l) => ({ entries: tarEntries(new Uint8Array(gunzipSync(blobs.get(`blobs/sha256/${l.digest.slice(7)}`)!))) }));
  }, SLOW);

  it('the commands succeed', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('each non-empty history row shows the sum of the regular-file sizes in its layer tar', () => {
    const rows = r.stdout.split('\n').filter((l) => /^(sha256:|<missing>)/.test(l) && l.includes('ago'));
    // Rows are newest first; layers bottom first. Non-empty rows are those whose SIZE is not from an
    // empty_layer entry: match them to layers from the top down.
    const sizes = rows.map((l) => l.split(/ {3,}/)[3]!);
    const createdBy = rows.map((l) => l.split(/ {3,}/)[2]!);
    const layerRows = rows.map((_, i) => i).filter((i) => /^(RUN|COPY|ADD|WORKDIR)/.test(createdBy[i]!));
    expect(layerRows).toHaveLength(layers.length);
    const expected = [...layers].reverse().map((l) => goHumanSize(regularFileBytes(l.entries)));
    expect(layerRows.map((i) => sizes[i])).toEqual(expected);
  });

  it('WORKDIR shows 0B and COPY package.json shows the file\'s size, though their tars are larger', () => {
    const rows = r.stdout.split('\n');
    expect(rows.find((l) => l.includes('WORKDIR /app'))).toMatch(/ 0B +buildkit\.dockerfile\.v0$/);
    const bytes = Buffer.byteLength(PACKAGE_JSON);
    expect(rows.find((l) => l.includes('COPY package.json .'))).toMatch(new RegExp(` ${bytes}B +buildkit\\.dockerfile\\.v0$`));
    // The WORKDIR layer's tar is not empty (a directory header plus the trailer), yet holds no file bytes.
    const workdir = layers.at(-4)!.entries;
    expect(workdir.map((e) => [e.name, e.type])).toEqual([['app/', '5']]);
    // The RUN layer holds a whiteout and a symlink, which count 0; only x.txt's 6 bytes count.
    const run = layers.at(-2)!.entries;
    expect(run.some((e) => e.name === 'etc/.wh.motd')).toBe(true);
    expect(run.some((e) => e.name === 'app/y' && e.type === '2')).toBe(true);
    expect(rows.find((l) => l.includes('RUN /bin/sh -c rm -f /etc/motd'))).toMatch(/ 6B +buildkit\.dockerfile\.v0$/);
  });

  it('a COPY of a file identical to the one already there still puts it in the layer, and in SIZE', () => {
    const copyAll = layers.at(-1)!.entries;
    expect(copyAll.filter((e) => e.type === '0').map((e) => e.name).sort()).toEqual(['app/Dockerfile', 'app/package.json']);
    const bytes = Buffer.byteLength(FILES.Dockerfile) + Buffer.byteLength(PACKAGE_JSON);
    expect(r.stdout.split('\n').find((l) => l.includes('COPY . .'))).toMatch(new RegExp(` ${bytes}B +buildkit\\.dockerfile\\.v0$`));
  });

  it('docker history --help says what SIZE counts in this lab', () => {
    expect(help.status).toBe(0);
    expect(help.stdout).toContain(
      "In this lab, SIZE counts file contents like Docker's classic image store; Docker's containerd store counts disk blocks, so tiny layers can show a few kB there.",
    );
  });
});
