// docker commands of the registry issue: pull, push, tag, search, login, logout, save, load, image prune,
// and rmi (which adds docker's container conflicts in front of the store's own rmi). Output follows the
// docker CLI (see the fidelity reference §4–5): pull/push lines come from the engine's typed events.
import type { CommandContext, CommandSpec, ShellIO } from '../types.ts';
import { dockerCommands } from './docker.ts';
import {
  labRegistry,
  networkPreset,
  NETWORK_PRESETS,
  plainLines,
  pullImage,
  pullMessages,
  pushImage,
  pushMessages,
  ttyChunks,
  humanSize,
  type ProgressMessage,
  type PullOutcome,
} from '../../engine/registry/index.ts';
import { familiarName, familiarRef, normalizeTaggedRef, parseRef, InvalidReferenceError } from '../../engine/store/refs.ts';
import type { StoredImage } from '../../engine/store/types.ts';
import { buildImage, buildManifest, createLayer, readImageArchive, writeImageArchive, applyLayers, ImageArchiveError, MEDIA_TYPES, gunzip } from '../../engine/image/index.ts';
import type { Image, ImageConfig, ImageManifest, JsonBlob, Layer, LoadedImage } from '../../engine/image/index.ts';
import { readTar } from '../../engine/image/tar.ts';
import { isGzip } from '../../engine/image/gzip.ts';
import { emptyDir } from '../../engine/fs/index.ts';
import { labContainers } from '../../engine/container/index.ts';
import { ellipsis, table } from './table.ts';
import { parseCommandFlags, requiresArgs } from './usage.ts';
import { pruneImages } from './prune.ts';

/** Writes docker's progress messages: redrawn in place on a terminal, one line per status elsewhere. */
export function writeProgress(io: ShellIO, messages: readonly ProgressMessage[]): void {
  // Each chunk carries its simulated time, so a paced terminal redraws the lines as the transfer goes.
  if (io.tty) for (const c of ttyChunks(messages, io.columns)) io.stdout(c.text, c.at);
  else for (const line of plainLines(messages)) io.stdout(line + '\n');
}

/** Runs a pull and prints it as `docker pull` does. Used by `docker run` too (with output on stderr). */
export async function pullAndPrint(ctx: CommandContext, ref: string, options: { quiet?: boolean; toStderr?: boolean } = {}): Promise<PullOutcome> {
  const out = options.toStderr ? { ...ctx.io, stdout: (s: string, at?: number) => ctx.io.stderr(s, at) } : ctx.io;
  let defaultTag = false;
  try {
    const p = parseRef(ref);
    defaultTag = !p.tag && !p.digest;
  } catch {
    defaultTag = false;
  }
  if (defaultTag && !options.quiet) out.stdout('Using default tag: latest\n');
  const result = await pullImage(ctx.engine, ref);
  if (!result.ok) return result;
  if (!options.quiet) writeProgress(out, pullMessages(result.events, { familiar: result.familiar }));
  if (!options.toStderr) out.stdout(`${result.canonical}\n`);
  return result;
}

async function dockerPull(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'pull', [
    { names: ['--quiet', '-q'], takesValue: false },
    { names: ['--all-tags', '-a'], takesValue: false },
    { names: ['--platform'], takesValue: true },
    { names: ['--disable-content-trust'], takesValue: false },
    { names: ['--help'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  if (f.positionals.length !== 1) return requiresArgs(ctx, 'pull', 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]', 'Download an image from a registry', 1, true);
  const platform = f.values.get('--platform')?.[0];
  if (platform && platform !== 'linux/amd64') {
    ctx.io.stderr(`In this lab, every image is linux/amd64 only; --platform ${platform} is not available.\n`);
    return 1;
  }
  if (f.bools.has('--all-tags')) {
    ctx.io.stderr('In this lab, docker pull --all-tags is not supported: pull one tag at a time.\n');
    return 1;
  }
  const result = await pullAndPrint(ctx, f.positionals[0]!, { quiet: f.bools.has('--quiet') });
  if (!result.ok) {
    ctx.io.stderr(`${result.error}\n`);
    return 1;
  }
  return 0;
}

async function dockerPush(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'push', [
    { names: ['--quiet', '-q'], takesValue: false },
    { names: ['--all-tags', '-a'], takesValue: false },
    { names: ['--disable-content-trust'], takesValue: false },
    { names: ['--help'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  if (f.positionals.length !== 1) return requiresArgs(ctx, 'push', 'docker push [OPTIONS] NAME[:TAG]', 'Upload an image to a registry', 1, true);
  const ref = f.positionals[0]!;
  let defaultTag = false;
  try {
    const p = parseRef(ref);
    defaultTag = !p.tag && !p.digest;
  } catch (e) {
    if (e instanceof InvalidReferenceError) {
      ctx.io.stderr(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const quiet = f.bools.has('--quiet');
  const result = await pushImage(ctx.engine, ref);
  if (defaultTag && !quiet && (result.ok || result.events)) ctx.io.stdout('Using default tag: latest\n');
  if (!result.ok) {
    if (result.events && !quiet) writeProgress(ctx.io, pushMessages(result.events));
    ctx.io.stderr(`${result.error}\n`);
    return 1;
  }
  if (quiet) {
    ctx.io.stdout(`${result.ref.name}:${result.ref.tag ?? 'latest'}\n`);
    return 0;
  }
  writeProgress(ctx.io, pushMessages(result.events));
  return 0;
}

async function dockerTag(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'tag', [{ names: ['--help'], takesValue: false }]);
  if (typeof f === 'number') return f;
  if (f.positionals.length !== 2) {
    return requiresArgs(ctx, 'tag', 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]', 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE', 2, true);
  }
  const [src, dst] = f.positionals as [string, string];
  let target: string;
  try {
    target = normalizeTaggedRef(dst);
    if (parseRef(dst).digest) throw new InvalidReferenceError('refusing to create a tag with a digest reference');
  } catch (e) {
    ctx.io.stderr(`Error parsing reference: "${dst}" is not a valid repository/tag: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const image = ctx.engine.images.resolve(src);
  if (!image) {
    ctx.io.stderr(`Error response from daemon: No such image: ${shownRef(src)}\n`);
    return 1;
  }
  ctx.engine.images.tag(target, image.id);
  ctx.engine.emit({ type: 'store-changed', reason: 'tag' });
  return 0;
}

/** `alpine` → `alpine:latest` as daemon errors name references; IDs stay as typed. */
function shownRef(ref: string): string {
  try {
    const p = parseRef(ref);
    if (!p.tag && !p.digest && !/^[a-f0-9]{6,64}$/.test(ref)) return `${ref}:latest`;
  } catch {
    return ref;
  }
  return ref;
}

async function dockerSearch(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'search', [
    { names: ['--limit'], takesValue: true },
    { names: ['--no-trunc'], takesValue: false },
    { names: ['--filter', '-f'], takesValue: true, repeatable: true },
    { names: ['--format'], takesValue: true },
    { names: ['--help'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  if (f.positionals.length !== 1) return requiresArgs(ctx, 'search', 'docker search [OPTIONS] TERM', 'Search Docker Hub for images', 1, true);
  let results = labRegistry(ctx.engine).registry.search(f.positionals[0]!);
  for (const filter of f.values.get('--filter') ?? []) {
    const [k, v] = filter.split('=');
    if (k === 'is-official') results = results.filter((r) => r.official === (v === 'true'));
    else if (k === 'stars') results = results.filter((r) => r.stars >= Number(v));
    else {
      ctx.io.stderr(`Error response from daemon: invalid filter '${k}'\n`);
      return 1;
    }
  }
  const limit = Number(f.values.get('--limit')?.[0] ?? 25);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    ctx.io.stderr('Error response from daemon: limit 0 is outside the range of [1, 100]\n'.replace('0', String(limit)));
    return 1;
  }
  results = results.slice(0, limit);
  const trunc = !f.bools.has('--no-trunc');
  const rows = [['NAME', 'DESCRIPTION', 'STARS', 'OFFICIAL']];
  for (const r of results) {
    const desc = r.description.replace(/[\r\n]/g, ' ');
    rows.push([r.name, trunc ? ellipsis(desc, 45) : desc, String(r.stars), r.official ? '[OK]' : '']);
  }
  ctx.io.stdout(table(rows));
  return 0;
}

async function dockerLogin(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'login', [
    { names: ['--username', '-u'], takesValue: true },
    { names: ['--password', '-p'], takesValue: true },
    { names: ['--password-stdin'], takesValue: false },
    { names: ['--help'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  const server = f.positionals[0];
  if (server && !/^(docker\.io|index\.docker\.io|registry-1\.docker\.io|https:\/\/index\.docker\.io\/v1\/?)$/.test(server)) {
    ctx.io.stderr(`Error response from daemon: Get "https://${server}/v2/": dial tcp: lookup ${server}: no such host\n`);
    return 1;
  }
  const user = f.values.get('--username')?.[0];
  if (!user) {
    ctx.io.stderr('In this lab, docker login cannot prompt: give your name with "docker login -u NAME" (any name and password are accepted).\n');
    return 1;
  }
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(user.toLowerCase())) {
    ctx.io.stderr('Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password\n');
    return 1;
  }
  if (f.values.has('--password')) ctx.io.stderr('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  labRegistry(ctx.engine).registry.user = user.toLowerCase();
  ctx.io.stdout('Login Succeeded\n');
  return 0;
}

async function dockerLogout(ctx: CommandContext): Promise<number> {
  labRegistry(ctx.engine).registry.user = undefined;
  ctx.io.stdout('Removing login credentials for https://index.docker.io/v1/\n');
  return 0;
}

/**
 * The exact config and manifest bytes in a `docker save` archive (OCI index.json → manifests), so a
 * loaded image keeps the IDs it was saved with, as docker load does.
 */
function archiveDocuments(bytes: Uint8Array): { blobs: Map<string, Uint8Array>; manifestByConfig: Map<string, string> } {
  const blobs = new Map<string, Uint8Array>();
  const manifestByConfig = new Map<string, string>();
  try {
    const tar = isGzip(bytes) ? gunzip(bytes) : bytes;
    for (const e of readTar(tar)) {
      const m = /^(?:\.\/)?blobs\/sha256\/([0-9a-f]{64})$/.exec(e.name);
      if (m && e.type === '0') blobs.set(`sha256:${m[1]}`, e.data);
    }
    const dec = new TextDecoder();
    for (const [digest, data] of blobs) {
      if (data.byteLength > 1 << 20 || data[0] !== 0x7b) continue;
      try {
        const doc = JSON.parse(dec.decode(data)) as { mediaType?: string; config?: { digest?: string }; layers?: unknown[] };
        if (doc.config?.digest && Array.isArray(doc.layers)) manifestByConfig.set(doc.config.digest, digest);
      } catch {
        // not JSON: a layer or another blob
      }
    }
  } catch {
    // readImageArchive reports archive errors; without exact bytes the image is rebuilt.
  }
  return { blobs, manifestByConfig };
}

async function storedFromArchive(
  img: LoadedImage,
  layers: Layer[],
  exact: ReturnType<typeof archiveDocuments>,
): Promise<StoredImage> {
  const dec = new TextDecoder();
  const configBytes = exact.blobs.get(img.configDigest);
  const manifestDigest = exact.manifestByConfig.get(img.configDigest);
  const manifestBytes = manifestDigest ? exact.blobs.get(manifestDigest) : undefined;
  const rootfs = applyLayers(emptyDir(), layers);
  const storedLayers = layers.map((l) => ({ diffId: l.diffId, digest: l.digest, size: l.size, compressedSize: l.compressedSize, mediaType: l.mediaType, changes: l.changes }));
  if (configBytes && manifestBytes && manifestDigest) {
    const manifest = JSON.parse(dec.decode(manifestBytes)) as ImageManifest;
    const sameLayers = manifest.layers.length === layers.length && manifest.layers.every((d, i) => d.digest === layers[i]!.digest);
    if (sameLayers) {
      return {
        id: manifestDigest, manifestDigest, configDigest: img.configDigest,
        configJson: dec.decode(configBytes), manifestJson: dec.decode(manifestBytes),
        layers: storedLayers, created: img.config.created ?? '', rootfs, source: 'load',
      };
    }
  }
  if (configBytes) {
    // Keep the config (and so the image's identity); the layers were recompressed, so a new manifest.
    const json = dec.decode(configBytes);
    const config: JsonBlob<ImageConfig> = { mediaType: MEDIA_TYPES.config, value: img.config, json, bytes: configBytes, digest: img.configDigest, size: configBytes.byteLength };
    const manifest = await buildManifest(config, layers);
    return {
      id: manifest.digest, manifestDigest: manifest.digest, configDigest: img.configDigest, configJson: json, manifestJson: manifest.json,
      layers: storedLayers, created: img.config.created ?? '', rootfs, source: 'load',
    };
  }
  const c = img.config;
  const image = await buildImage(layers, {
    architecture: c.architecture,
    os: c.os,
    ...(c.variant ? { variant: c.variant } : {}),
    config: c.config,
    history: c.history,
    ...(c.created ? { created: c.created } : {}),
    ...(c.author ? { author: c.author } : {}),
  });
  return {
    id: image.manifest.digest, manifestDigest: image.manifest.digest, configDigest: image.config.digest,
    configJson: image.config.json, manifestJson: image.manifest.json, layers: storedLayers,
    created: c.created ?? '', rootfs, source: 'load',
  };
}

/** A stored image as the image module's `Image` (exact config and manifest bytes). */
export function toImage(stored: StoredImage): Image {
  const enc = new TextEncoder();
  const blob = <T>(json: string, digest: string, mediaType: string): JsonBlob<T> => {
    const bytes = enc.encode(json);
    return { mediaType, value: JSON.parse(json) as T, json, bytes, digest, size: bytes.byteLength };
  };
  const manifest = blob<ImageManifest>(stored.manifestJson, stored.manifestDigest, '');
  const mediaType = manifest.value.mediaType;
  return {
    config: blob<ImageConfig>(stored.configJson, stored.configDigest, manifest.value.config.mediaType),
    manifest: { ...manifest, mediaType },
    layers: stored.layers as readonly Layer[],
  };
}

async function dockerSave(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'save', [
    { names: ['--output', '-o'], takesValue: true },
    { names: ['--platform'], takesValue: true },
    { names: ['--help'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  if (f.positionals.length === 0) return requiresArgs(ctx, 'save', 'docker save [OPTIONS] IMAGE [IMAGE...]', 'Save one or more images to a tar archive (streamed to STDOUT by default)');
  const output = f.values.get('--output')?.[0];
  if (!output) {
    if (ctx.io.tty) ctx.io.stderr('cowardly refusing to save to a terminal. Use the -o flag or redirect\n');
    else ctx.io.stderr('In this lab, docker save writes to a file: use -o FILE.\n');
    return 1;
  }
  const byId = new Map<string, { image: Image; repoTags: string[] }>();
  for (const ref of f.positionals) {
    const stored = ctx.engine.images.resolve(ref);
    if (!stored) {
      ctx.io.stderr(`Error response from daemon: No such image: ${shownRef(ref)}\n`);
      return 1;
    }
    const entry = byId.get(stored.id) ?? { image: toImage(stored), repoTags: [] };
    const isId = /^(sha256:)?[a-f0-9]{6,64}$/.test(ref) && !ctx.engine.images.tagsOf(stored.id).some((t) => familiarRef(t) === `${ref}:latest`);
    if (!isId) {
      const norm = normalizeTaggedRef(ref);
      if (!entry.repoTags.includes(norm)) entry.repoTags.push(norm);
    }
    byId.set(stored.id, entry);
  }
  const bytes = await writeImageArchive([...byId.values()].map((e) => ({ image: e.image, repoTags: e.repoTags.map(familiarRef) })));
  const path = ctx.shell.resolve(output);
  await ctx.workspace.writeFile(path, bytes);
  return 0;
}

async function dockerLoad(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'load', [
    { names: ['--input', '-i'], takesValue: true },
    { names: ['--quiet', '-q'], takesValue: false },
    { names: ['--platform'], takesValue: true },
    { names: ['--help'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  const input = f.values.get('--input')?.[0];
  if (!input) {
    ctx.io.stderr('In this lab, docker load reads a file: use -i FILE.\n');
    return 1;
  }
  let bytes: Uint8Array;
  try {
    bytes = await ctx.workspace.readFile(ctx.shell.resolve(input));
  } catch {
    ctx.io.stderr(`open ${input}: no such file or directory\n`);
    return 1;
  }
  let loaded;
  try {
    loaded = await readImageArchive(bytes);
  } catch (e) {
    const msg = e instanceof ImageArchiveError ? e.message : String(e);
    ctx.io.stderr(`Error response from daemon: ${msg}\n`);
    return 1;
  }
  const exact = archiveDocuments(bytes);
  for (const img of loaded) {
    const layers = await Promise.all(img.layers.map((l) => createLayer(l.changes)));
    const stored = await storedFromArchive(img, layers, exact);
    ctx.engine.images.add(stored, img.repoTags, { arrivedAt: ctx.engine.now() });
    if (img.repoTags.length === 0) ctx.io.stdout(`Loaded image ID: ${stored.id}\n`);
    for (const t of img.repoTags) ctx.io.stdout(`Loaded image: ${familiarRef(normalizeTaggedRef(t))}\n`);
  }
  ctx.engine.emit({ type: 'store-changed', reason: 'import' });
  return 0;
}

async function imagePrune(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'image prune', [
    { names: ['--all', '-a'], takesValue: false },
    { names: ['--force', '-f'], takesValue: false },
    { names: ['--filter'], takesValue: true, repeatable: true },
    { names: ['--help'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  const all = f.bools.has('--all');
  if (!f.bools.has('--force')) {
    ctx.io.stdout(
      all
        ? 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] \n'
        : 'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] \n',
    );
    ctx.io.stderr(`In this lab, prompts cannot be answered: run "docker image prune${all ? ' -a' : ''} -f" to prune without the prompt.\n`);
    return 1;
  }
  const report = pruneImages(ctx.engine, all);
  ctx.io.stdout(`${report.output ? report.output + '\n' : ''}Total reclaimed space: ${humanSize(report.reclaimed)}\n`);
  ctx.engine.emit({ type: 'store-changed', reason: 'prune' });
  return 0;
}

const storeRmi = dockerCommands.find((c) => c.name === 'docker rmi');

/** `docker rmi`: refuses images that containers use (docker's conflict errors), then the store's rmi. */
async function dockerRmi(ctx: CommandContext): Promise<number> {
  const force = ctx.args.some((a) => a === '-f' || a === '--force' || (/^-[a-z]*f[a-z]*$/.test(a) && !a.startsWith('--')));
  const refs = ctx.args.filter((a) => !a.startsWith('-'));
  const containers = labContainers(ctx.engine);
  let status = 0;
  const allowed: string[] = [];
  for (const ref of refs) {
    const image = ctx.engine.images.resolve(ref);
    const users = image ? containers.usingImage(image.id) : [];
    const running = users.find((c) => c.state === 'running');
    const byId = /^(sha256:)?[a-f0-9]{6,64}$/.test(ref) && image !== undefined && image.id.slice(7).startsWith(ref.replace(/^sha256:/, ''));
    // By name, a tag that is not the image's last one is only untagged: containers keep the image by
    // its ID, so there is nothing to conflict with (moby daemon/containerd/image_delete.go).
    const otherTags = image && !byId ? ctx.engine.images.tagsOf(image.id).length > 1 : false;
    if (image && users.length > 0 && !otherTags && (running || !force)) {
      const c = running ?? users[0]!;
      const img12 = image.id.slice(7, 19);
      if (byId || running) {
        const how = running ? (force ? 'cannot be forced' : 'must be forced') : 'must be forced';
        ctx.io.stderr(`Error response from daemon: conflict: unable to delete ${byId ? img12 : ref} (${how}) - image is being used by ${running ? 'running' : 'stopped'} container ${c.id.slice(0, 12)}\n`);
      } else {
        ctx.io.stderr(`Error response from daemon: conflict: unable to delete ${ref} (must be forced) - container ${c.id.slice(0, 12)} is using its referenced image ${img12}\n`);
      }
      status = 1;
      continue;
    }
    allowed.push(ref);
  }
  if (allowed.length === 0) return status || (refs.length === 0 && storeRmi ? storeRmi.run(ctx) : status);
  if (!storeRmi) return 1;
  const flagsOnly = ctx.args.filter((a) => a.startsWith('-'));
  const s = await storeRmi.run({ ...ctx, args: [...flagsOnly, ...allowed] });
  return status || s;
}

async function labNetwork(ctx: CommandContext): Promise<number> {
  const lab = labRegistry(ctx.engine);
  const arg = ctx.args[0];
  if (!arg) {
    ctx.io.stdout(`network: ${lab.network.label} (${lab.network.bytesPerSecond / 1_000_000} MB/s, ${lab.network.latencyMs} ms round trip)\n`);
    ctx.io.stdout(`presets: ${Object.keys(NETWORK_PRESETS).join(', ')}\n`);
    return 0;
  }
  const preset = networkPreset(arg);
  if (!preset) {
    ctx.io.stderr(`lab-network: unknown preset "${arg}" (choose ${Object.keys(NETWORK_PRESETS).join(', ')})\n`);
    return 2;
  }
  lab.network = preset;
  ctx.io.stdout(`network: ${preset.label}\n`);
  return 0;
}

async function imageNames(ctx: { engine: CommandContext['engine'] }): Promise<string[]> {
  const out: string[] = [];
  for (const img of ctx.engine.images.list()) for (const t of ctx.engine.images.tagsOf(img.id)) out.push(familiarRef(t));
  return out;
}

async function remoteNames(ctx: { engine: CommandContext['engine'] }): Promise<string[]> {
  const out: string[] = [];
  for (const r of labRegistry(ctx.engine).registry.search('')) {
    const path = r.name.includes('/') ? r.name : `library/${r.name}`;
    for (const t of labRegistry(ctx.engine).registry.tags(path)) out.push(`${familiarName(`docker.io/${path}`)}:${t}`);
  }
  return out;
}

export const registryCommands: readonly CommandSpec[] = [
  {
    name: 'docker pull', aliases: ['docker image pull'], summary: 'Download an image from a registry',
    usage: 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]', flags: ['--quiet', '--platform', '--all-tags'], run: dockerPull, complete: remoteNames,
  },
  { name: 'docker push', aliases: ['docker image push'], summary: 'Upload an image to a registry', usage: 'docker push [OPTIONS] NAME[:TAG]', flags: ['--quiet'], run: dockerPush, complete: imageNames },
  { name: 'docker tag', aliases: ['docker image tag'], summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE', usage: 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]', run: dockerTag, complete: imageNames },
  { name: 'docker search', summary: 'Search Docker Hub for images', usage: 'docker search [OPTIONS] TERM', flags: ['--limit', '--no-trunc', '--filter'], run: dockerSearch },
  { name: 'docker login', summary: 'Authenticate to a registry', usage: 'docker login [OPTIONS] [SERVER]', flags: ['--username', '--password', '--password-stdin'], run: dockerLogin },
  { name: 'docker logout', summary: 'Log out from a registry', usage: 'docker logout [SERVER]', run: dockerLogout },
  { name: 'docker save', aliases: ['docker image save'], summary: 'Save one or more images to a tar archive', usage: 'docker save [OPTIONS] IMAGE [IMAGE...]', flags: ['--output'], run: dockerSave, complete: imageNames },
  { name: 'docker load', aliases: ['docker image load'], summary: 'Load an image from a tar archive', usage: 'docker load [OPTIONS]', flags: ['--input', '--quiet'], run: dockerLoad },
  { name: 'docker image prune', summary: 'Remove unused images', usage: 'docker image prune [OPTIONS]', flags: ['--all', '--force'], run: imagePrune },
  {
    name: 'docker rmi', aliases: storeRmi?.aliases ?? ['docker image rm', 'docker image remove'], summary: storeRmi?.summary ?? 'Remove one or more images',
    usage: 'docker rmi [OPTIONS] IMAGE [IMAGE...]', flags: ['--force', '--no-prune'], run: dockerRmi, complete: imageNames,
  },
  { name: 'lab-network', summary: 'Show or set the simulated network (conference-wifi, home, datacentre)', usage: 'lab-network [PRESET]', run: labNetwork },
];
