// docker commands of the build issue: build, images/image ls, history, image inspect, rmi, system df. Output follows the docker CLI and buildx formats (see the fidelity reference §4–5).
import type { CommandContext, CommandSpec } from '../types.ts';
import type { BuildEvent, EngineEvent, StoredImage } from '../../engine/index.ts';
import { ProgressPrinter, type ProgressMode } from '../progress.ts';
import { dockerSize, humanDuration, humanSize } from '../units.ts';
import { familiarRef, parseRef, splitTaggedRef } from '../../engine/store/refs.ts';
import { diffSize, imageSizes } from '../../engine/store/sizes.ts';
import { recordSize } from '../../engine/builder/cache.ts';
import { imageChains } from './prune.ts';
import { labContainers, type Container } from '../../engine/container/index.ts';
import { ellipsis, statusColumn, table } from './table.ts';
import { parseCommandFlags, requiresArgs, type FlagSpec } from './usage.ts';

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** `docker history` CREATED: N/A up to 2000-01-01 (docker/cli cli/command/image/formatter_history.go). */
function ago(ms: number | undefined, now: number): string {
  if (ms === undefined) return 'N/A';
  if (ms <= Date.UTC(2000, 0, 1)) return 'N/A';
  return `${humanDuration(now - ms)} ago`;
}

/** `docker images` CREATED: any time, 1970 included (cli/command/formatter/image.go CreatedSince). */
function imageAgo(ms: number | undefined, now: number): string {
  return ms === undefined ? '' : `${humanDuration(now - ms)} ago`;
}

/** The image's creation time from its config, as docker shows it (the last history entry's time). */
function createdMs(img: StoredImage): number | undefined {
  const t = Date.parse(img.created);
  return Number.isNaN(t) ? undefined : t;
}


// ---------------------------------------------------------------------------------------------------
// docker build

const BUILD_FLAGS: FlagSpec[] = [
  { names: ['--tag', '-t'], takesValue: true },
  { names: ['--file', '-f'], takesValue: true },
  { names: ['--build-arg'], takesValue: true },
  { names: ['--target'], takesValue: true },
  { names: ['--no-cache'], takesValue: false },
  { names: ['--progress'], takesValue: true },
  { names: ['--quiet', '-q'], takesValue: false },
  { names: ['--pull'], takesValue: false },
  { names: ['--platform'], takesValue: true },
  { names: ['--explain-cache'], takesValue: false },
  { names: ['--help'], takesValue: false },
];

const BUILD_HELP = `
Usage:  docker build [OPTIONS] PATH

Start a build

Options:
      --build-arg stringArray   Set build-time variables
      --explain-cache           Layerlab only, not a Docker flag: after the build, explain why
                                each step was cached or rebuilt
  -f, --file string             Name of the Dockerfile (default: "PATH/Dockerfile")
      --no-cache                Do not use cache when building the image
      --platform string         Set target platform for build (this lab builds linux/amd64 only)
      --progress string         Set type of progress output ("auto", "plain", "tty", "quiet")
                                (default "auto")
      --pull                    Always attempt to pull all referenced images
  -q, --quiet                   Suppress the build output and print image ID on success
  -t, --tag stringArray         Name and optionally a tag (format: "name:tag")
      --target string           Set the target build stage to build

For the same digests on every build, set SOURCE_DATE_EPOCH (seconds) as a build arg.
`;

async function dockerBuild(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'build', BUILD_FLAGS);
  if (typeof f === 'number') return f;
  if (f.bools.has('--help')) {
    ctx.io.stdout(BUILD_HELP);
    return 0;
  }
  if (f.positionals.length !== 1) {
    ctx.io.stderr(`ERROR: "docker buildx build" requires exactly 1 argument.\nSee 'docker buildx build --help'.\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nStart a build\n`);
    return 1;
  }
  const pathArg = f.positionals[0]!;
  if (pathArg === '-' || /^(https?|git):\/\//.test(pathArg) || pathArg.startsWith('git@')) {
    ctx.io.stderr(`ERROR: In this lab, the build context must be a folder of the project (for example "."), not ${pathArg === '-' ? 'stdin' : 'a URL'}\n`);
    return 1;
  }
  const contextDir = ctx.shell.resolve(pathArg);
  const st = await ctx.workspace.stat(contextDir);
  if (!st || st.type !== 'dir') {
    ctx.io.stderr(`ERROR: failed to build: unable to prepare context: path ${JSON.stringify(pathArg)} not found\n`);
    return 1;
  }
  const tags = f.values.get('--tag') ?? [];
  for (const t of tags) {
    try {
      const p = parseRef(t);
      if (p.digest) throw new Error('invalid reference format');
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      ctx.io.stderr(`ERROR: failed to build: invalid tag ${JSON.stringify(t)}: ${msg}\n`);
      return 1;
    }
  }
  const platform = f.values.get('--platform')?.at(-1);
  if (platform && platform !== 'linux/amd64' && platform !== 'linux/x86_64') {
    ctx.io.stderr(`ERROR: In this lab, images are built for linux/amd64 only (asked for ${platform})\n`);
    return 1;
  }
  const buildArgs: Record<string, string> = {};
  for (const a of f.values.get('--build-arg') ?? []) {
    const eq = a.indexOf('=');
    if (eq < 0) {
      // `--build-arg NAME` takes the value from the environment; the lab shell has none, so it is skipped.
      const v = ctx.shell.env.get(a);
      if (v !== undefined) buildArgs[a] = v;
    } else buildArgs[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const progressFlag = f.values.get('--progress')?.at(-1) ?? 'auto';
  if (!['auto', 'plain', 'tty', 'quiet', 'rawjson'].includes(progressFlag)) {
    ctx.io.stderr(`ERROR: failed to build: invalid progress mode ${progressFlag}\n`);
    return 1;
  }
  if (progressFlag === 'rawjson') {
    ctx.io.stderr('ERROR: In this lab, --progress=rawjson is not available; use plain or tty\n');
    return 1;
  }
  const quiet = f.bools.has('--quiet') || progressFlag === 'quiet';
  let mode: ProgressMode = quiet ? 'quiet' : progressFlag === 'plain' ? 'plain' : progressFlag === 'tty' ? 'tty' : ctx.io.tty ? 'tty' : 'plain';
  if (mode === 'tty' && !ctx.io.tty) mode = 'plain';
  const fileFlag = f.values.get('--file')?.at(-1);
  const dockerfile = fileFlag ? ctx.shell.resolve(fileFlag) : undefined;

  const sink = { write: (s: string) => ctx.io.stderr(s) };
  const printer = new ProgressPrinter(mode, sink, ctx.io.columns);
  let buildId: string | undefined;
  const unsubscribe = ctx.engine.subscribe((e: EngineEvent) => {
    if (e.type === 'store-changed') return;
    const be = e as BuildEvent;
    if (be.type === 'build-start' && buildId === undefined) buildId = be.buildId;
    if (be.buildId !== buildId) return;
    printer.handle(be);
  });
  let outcome;
  try {
    outcome = await ctx.engine.build({
      workspace: ctx.workspace,
      contextDir,
      dockerfile,
      tags,
      buildArgs: withClientEpoch(ctx, buildArgs),
      target: f.values.get('--target')?.at(-1),
      noCache: f.bools.has('--no-cache'),
      signal: ctx.io.signal,
    });
  } finally {
    unsubscribe();
  }
  printer.finish(sink, outcome.warnings);
  if (outcome.ok && quiet) ctx.io.stdout(`${outcome.imageId}\n`);
  if (f.bools.has('--explain-cache')) {
    let out = '\nWhy each step was cached or rebuilt (--explain-cache is a Layerlab flag, not a Docker flag):\n';
    for (const x of outcome.explanations) {
      const word = x.status === 'cached' ? 'CACHED' : x.status === 'built' ? 'REBUILT' : x.status.toUpperCase();
      out += ` ${x.name}\n   ${word}: ${x.reason}\n`;
    }
    if (outcome.explanations.length === 0) out += ' (no steps ran)\n';
    ctx.io.stdout(out);
  }
  if (!outcome.ok) return outcome.canceled ? 130 : 1;
  return 0;
}

/**
 * buildx passes the client's SOURCE_DATE_EPOCH environment variable as the build arg of that name when
 * --build-arg does not set it (docker/buildx commands/build.go). The lab shell's variables are its
 * environment; the headless CLI copies SOURCE_DATE_EPOCH into them.
 */
function withClientEpoch(ctx: CommandContext, buildArgs: Record<string, string>): Record<string, string> {
  const env = ctx.shell.env.get('SOURCE_DATE_EPOCH');
  if (Object.hasOwn(buildArgs, 'SOURCE_DATE_EPOCH') || !env) return buildArgs;
  return { ...buildArgs, SOURCE_DATE_EPOCH: env };
}

// ---------------------------------------------------------------------------------------------------
// docker images / docker image ls

const IMAGES_FLAGS: FlagSpec[] = [
  { names: ['--all', '-a'], takesValue: false },
  { names: ['--quiet', '-q'], takesValue: false },
  { names: ['--digests'], takesValue: false },
  { names: ['--no-trunc'], takesValue: false },
  { names: ['--format'], takesValue: true },
  { names: ['--tree'], takesValue: false },
  { names: ['--filter', '-f'], takesValue: true },
  { names: ['--help'], takesValue: false },
];

interface ImageRow {
  image: StoredImage;
  tags: string[];
}

function imageRows(ctx: CommandContext, all: boolean, repoFilter?: string): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const image of ctx.engine.images.list()) {
    const tags = ctx.engine.images.tagsOf(image.id);
    if (tags.length === 0 && !all) continue;
    rows.push({ image, tags });
  }
  rows.sort((a, b) => (ctx.engine.images.arrived(b.image.id) ?? 0) - (ctx.engine.images.arrived(a.image.id) ?? 0));
  if (repoFilter) {
    let wanted: string;
    try {
      const p = parseRef(repoFilter);
      wanted = p.name + (p.tag ? ':' + p.tag : '');
    } catch {
      return [];
    }
    return rows
      .map((r) => ({ ...r, tags: r.tags.filter((t) => t === wanted || t.startsWith(wanted + ':')) }))
      .filter((r) => r.tags.length > 0);
  }
  return rows;
}

async function dockerImages(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'images', IMAGES_FLAGS);
  if (typeof f === 'number') return f;
  if (f.bools.has('--help')) {
    ctx.io.stdout(
      '\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nList images\n\nOptions:\n  -a, --all             Show all images (default hides intermediate and dangling images)\n      --digests         Show digests\n      --format string   Format output using a custom template: \'table\' for the classic table\n      --no-trunc        Don\'t truncate output\n  -q, --quiet           Only show image IDs\n      --tree            List multi-platform images as a tree (the default in this Docker version)\n',
    );
    return 0;
  }
  if (f.values.has('--filter')) {
    ctx.io.stderr('In this lab, docker images --filter is not supported yet\n');
    return 1;
  }
  const all = f.bools.has('--all');
  const rows = imageRows(ctx, all, f.positionals[0]);
  const now = ctx.engine.now();
  const noTrunc = f.bools.has('--no-trunc');
  if (f.bools.has('--quiet')) {
    const ids = [...new Set(rows.map((r) => (noTrunc ? r.image.id : shortId(r.image.id))))];
    ctx.io.stdout(ids.map((i) => i + '\n').join(''));
    return 0;
  }
  const format = f.values.get('--format')?.at(-1);
  if (format !== undefined && format !== 'table' && !format.startsWith('table ') && !f.bools.has('--tree')) {
    // Go templates beyond the simple fields: support {{.Repository}} {{.Tag}} {{.ID}} {{.Size}} {{.CreatedSince}} {{.Digest}}.
    let out = '';
    for (const r of rows) {
      const names = r.tags.length ? r.tags : ['<none>:<none>'];
      for (const t of names) {
        const { repository, tag } = t === '<none>:<none>' ? { repository: '<none>', tag: '<none>' } : splitTaggedRef(t);
        const vals: Record<string, string> = {
          Repository: repository,
          Tag: tag,
          ID: noTrunc ? r.image.id : shortId(r.image.id),
          Size: dockerSize(imageSizes(r.image).unpacked),
          CreatedSince: imageAgo(createdMs(r.image), now),
          CreatedAt: r.image.created,
          Digest: ctx.engine.images.repoDigestsOf(r.image.id)[0]?.split('@')[1] ?? '<none>',
        };
        out += format.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_m, k: string) => vals[k] ?? `<no value>`).replace(/\\t/g, '\t') + '\n';
      }
    }
    ctx.io.stdout(out);
    return 0;
  }
  const classic = format !== undefined || f.bools.has('--digests') || noTrunc;
  if (classic && !f.bools.has('--tree')) {
    const digests = f.bools.has('--digests');
    const header = digests ? ['REPOSITORY', 'TAG', 'DIGEST', 'IMAGE ID', 'CREATED', 'SIZE'] : ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'];
    const out: string[][] = [header];
    for (const r of rows) {
      const names = r.tags.length ? r.tags : [''];
      for (const t of names) {
        const { repository, tag } = t ? splitTaggedRef(t) : { repository: '<none>', tag: '<none>' };
        const row = [repository, tag];
        if (digests) row.push(ctx.engine.images.repoDigestsOf(r.image.id)[0]?.split('@')[1] ?? '<none>');
        row.push(noTrunc ? r.image.id : shortId(r.image.id), imageAgo(createdMs(r.image), now), dockerSize(imageSizes(r.image).unpacked));
        out.push(row);
      }
    }
    ctx.io.stdout(table(out));
    return 0;
  }
  ctx.io.stdout(treeView(ctx, rows));
  return 0;
}

/** The docker CLI v29 default `docker images` tree view. */
function treeView(ctx: CommandContext, rows: ImageRow[]): string {
  const width = Math.max(20, ctx.io.tty ? ctx.io.columns : 80);
  const tty = ctx.io.tty;
  const bold = (s: string): string => (tty ? `\x1b[1m${s}\x1b[0m` : s);
  const blue = (s: string): string => (tty ? `\x1b[34;1m${s}\x1b[0m` : s);
  const faint = (s: string): string => (tty ? `\x1b[2m${s}\x1b[0m` : s);
  const spacing = '   ';
  const legend = 'Info → U In Use ';
  let out = ' '.repeat(Math.max(0, width - [...legend].length)) + legend + '\n\n';
  interface Entry {
    names: string[];
    id: string;
    disk: string;
    content: string;
    /** A container (running or not) uses the image: the `U` chip. */
    inUse: boolean;
  }
  const containers = labContainers(ctx.engine).list(true);
  const entries: Entry[] = rows.map((r) => {
    const s = imageSizes(r.image);
    const inUse = containers.some((c) => c.imageId === r.image.id);
    return { names: r.tags.map(familiarRef), id: shortId(r.image.id), disk: dockerSize(s.unpacked + s.content), content: dockerSize(s.content), inUse };
  });
  const platform = 'linux/amd64';
  let first = 'Image'.length;
  for (const e of entries) for (const n of e.names) first = Math.max(first, n.length);
  first = Math.max(first, `└─ ${platform}`.length);
  const cols = [
    { title: 'ID', width: 12, right: false },
    { title: 'Disk usage', width: 10, right: true },
    { title: 'Content size', width: 12, right: true },
    { title: 'Extra', width: 5, right: false },
  ];
  const cell = (s: string, w: number, right: boolean): string => (right ? s.padStart(w) : s.padEnd(w));
  out += bold('IMAGE'.padEnd(first)) + cols.map((c) => spacing + bold(cell(c.title.toUpperCase(), c.width, c.right))).join('') + '\n';
  for (const e of entries) {
    const extra = e.inUse ? (tty ? `\x1b[33mU\x1b[0m${' '.repeat(4)}` : 'U'.padEnd(5)) : ' '.repeat(5);
    const details = (id: string, disk: string, content: string): string =>
      spacing + cell(id, 12, false) + spacing + cell(disk, 10, true) + spacing + cell(content, 12, true) + spacing + extra;
    if (e.names.length === 0) out += faint('<untagged>'.padEnd(first));
    const names = [...e.names].sort((a, b) => b.length - a.length);
    names.forEach((n, i) => {
      if (i < names.length - 1) out += blue(n) + '\n';
      else out += blue(n.padEnd(first));
    });
    out += details(e.id, e.disk, e.content) + '\n';
    out += `└─ ${platform}`.padEnd(first) + details(e.id, e.disk, e.content) + '\n';
    out += '\n';
  }
  return out.replace(/ +\n/g, '\n');
}

// ---------------------------------------------------------------------------------------------------
// docker history

/** Shown in `docker history --help`: what SIZE counts in this lab. */
export const HISTORY_SIZE_NOTE =
  "In this lab, SIZE counts file contents like Docker's classic image store; Docker's containerd store counts disk blocks, so tiny layers can show a few kB there.";

async function dockerHistory(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'history', [
    { names: ['--no-trunc'], takesValue: false },
    { names: ['--quiet', '-q'], takesValue: false },
    { names: ['--human', '-H'], takesValue: false },
    { names: ['--format'], takesValue: true },
    { names: ['--help'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  if (f.bools.has('--help') || f.positionals.length !== 1) {
    if (!f.bools.has('--help')) return requiresArgs(ctx, 'history', 'docker history [OPTIONS] IMAGE', 'Show the history of an image', 1, true);
    ctx.io.stdout(
      '\nUsage:  docker history [OPTIONS] IMAGE\n\nShow the history of an image\n\nOptions:\n      --no-trunc   Don\'t truncate output\n  -q, --quiet      Only show image IDs\n\n' +
        HISTORY_SIZE_NOTE +
        '\n',
    );
    return 0;
  }
  const ref = f.positionals[0]!;
  const image = ctx.engine.images.resolve(ref);
  if (!image) {
    ctx.io.stderr(`Error response from daemon: No such image: ${ref.includes(':') || ref.includes('@') || /^[a-f0-9]{6,}$/.test(ref) ? ref : ref + ':latest'}\n`);
    return 1;
  }
  const noTrunc = f.bools.has('--no-trunc');
  const config = JSON.parse(image.configJson) as { history?: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[] };
  const history = config.history ?? [];
  const rows: string[][] = [['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT']];
  let layerIdx = 0;
  const sized = history.map((h) => {
    // Docker's classic store shows the layer's DiffSize (regular-file bytes), not its tar size.
    const layer = h.empty_layer ? undefined : image.layers[layerIdx++];
    const size = layer ? diffSize(layer.changes) : 0;
    return { h, size };
  });
  const now = ctx.engine.now();
  const ids: string[] = [];
  sized.reverse().forEach(({ h, size }, i) => {
    const id = i === 0 ? (noTrunc ? image.id : shortId(image.id)) : '<missing>';
    ids.push(id);
    const created = h.created ? Date.parse(h.created) : undefined;
    let by = (h.created_by ?? '').replace(/\t/g, ' ');
    if (!noTrunc) by = ellipsis(by, 45);
    rows.push([id, ago(created, now), by, dockerSize(size), h.comment ?? '']);
  });
  if (f.bools.has('--quiet')) {
    ctx.io.stdout(ids.map((i) => i + '\n').join(''));
    return 0;
  }
  ctx.io.stdout(table(rows));
  return 0;
}

// ---------------------------------------------------------------------------------------------------
// docker image inspect

async function dockerInspect(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'image inspect', [
    { names: ['--format', '-f'], takesValue: true },
    { names: ['--help'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  if (f.positionals.length === 0) return requiresArgs(ctx, 'image inspect', 'docker image inspect [OPTIONS] IMAGE [IMAGE...]', 'Display detailed information on one or more images');
  const out: unknown[] = [];
  let status = 0;
  for (const ref of f.positionals) {
    const image = ctx.engine.images.resolve(ref);
    if (!image) {
      ctx.io.stderr(`Error response from daemon: No such image: ${ref}\n`);
      status = 1;
      continue;
    }
    const cfg = JSON.parse(image.configJson) as { config?: unknown; architecture: string; os: string; created?: string; author?: string; rootfs: { type: string; diff_ids: string[] }; history?: { comment?: string }[] };
    const sizes = imageSizes(image);
    const history = cfg.history ?? [];
    const manifest = JSON.parse(image.manifestJson) as { mediaType?: string };
    out.push({
      Id: image.id,
      RepoTags: ctx.engine.images.tagsOf(image.id).map(familiarRef),
      RepoDigests: ctx.engine.images.repoDigestsOf(image.id).map((d) => d.replace(/^docker\.io\/(library\/)?/, '')),
      Comment: history.at(-1)?.comment ?? '',
      Created: cfg.created ?? image.created,
      ...(cfg.author ? { Author: cfg.author } : {}),
      Config: cfg.config ?? {},
      Architecture: cfg.architecture,
      Os: cfg.os,
      Size: sizes.unpacked + sizes.content,
      RootFS: { Type: cfg.rootfs.type, Layers: cfg.rootfs.diff_ids },
      Metadata: { LastTagTime: new Date(ctx.engine.images.arrived(image.id) ?? 0).toISOString() },
      Descriptor: { mediaType: manifest.mediaType ?? 'application/vnd.oci.image.manifest.v1+json', digest: image.manifestDigest, size: new TextEncoder().encode(image.manifestJson).byteLength },
    });
  }
  const format = f.values.get('--format')?.at(-1);
  if (format) {
    for (const o of out) {
      const text = format.replace(/\{\{\s*(json\s+)?\.([\w.]+)\s*\}\}/g, (_m, json: string | undefined, path: string) => {
        let v: unknown = o;
        for (const p of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[p];
        if (json) return JSON.stringify(v ?? null);
        if (Array.isArray(v)) return `[${v.join(' ')}]`;
        if (v && typeof v === 'object') return `map[${Object.entries(v).map(([k, x]) => `${k}:${String(x)}`).join(' ')}]`;
        return v === undefined ? '<no value>' : String(v);
      });
      ctx.io.stdout(text + '\n');
    }
    return status;
  }
  if (out.length > 0 || status === 0) ctx.io.stdout(JSON.stringify(out, null, 4) + '\n');
  return status;
}

// ---------------------------------------------------------------------------------------------------
// docker rmi / docker image rm

async function dockerRmi(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'rmi', [
    { names: ['--force', '-f'], takesValue: false },
    { names: ['--no-prune'], takesValue: false },
    { names: ['--help'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  if (f.positionals.length === 0) return requiresArgs(ctx, 'rmi', 'docker rmi [OPTIONS] IMAGE [IMAGE...]', 'Remove one or more images');
  let status = 0;
  for (const ref of f.positionals) {
    try {
      const r = ctx.engine.images.remove(ref, { force: f.bools.has('--force') });
      for (const u of r.untagged) ctx.io.stdout(`Untagged: ${u}\n`);
      for (const d of r.deleted) ctx.io.stdout(`Deleted: ${d}\n`);
    } catch (e) {
      let msg = e instanceof Error ? e.message : String(e);
      if (/No such image/.test(msg)) {
        let shown = ref;
        try {
          const p = parseRef(ref);
          if (!p.tag && !p.digest && !/^[a-f0-9]{6,64}$/.test(ref)) shown = `${ref}:latest`;
        } catch {
          shown = ref;
        }
        msg = `Error response from daemon: No such image: ${shown}`;
      }
      ctx.io.stderr(msg + '\n');
      status = 1;
    }
  }
  ctx.engine.emit({ type: 'store-changed', reason: 'rmi' });
  return status;
}

// ---------------------------------------------------------------------------------------------------
// docker system df (docker builder prune and docker system prune are in prune.ts)

async function systemDf(ctx: CommandContext): Promise<number> {
  const f = parseCommandFlags(ctx, 'system df', [
    { names: ['--verbose', '-v'], takesValue: false },
    { names: ['--help'], takesValue: false },
  ]);
  if (typeof f === 'number') return f;
  const images = ctx.engine.images.list();
  // Layers shared by several images count once.
  const layerSizes = new Map<string, number>();
  for (const img of images) for (const l of img.layers) layerSizes.set(l.diffId, l.size);
  const imagesSize = [...layerSizes.values()].reduce((a, b) => a + b, 0);
  const cache = ctx.engine.buildCache.entries();
  const cacheSize = ctx.engine.buildCache.size();
  // Records an image still uses are shared and not reclaimable (moby builder-next/builder.go DiskUsage).
  const shared = ctx.engine.buildCache.sharedKeys(imageChains(ctx.engine));
  const cacheReclaimable = cache.filter((r) => !shared.has(r.key)).reduce((n, r) => n + recordSize(r), 0);
  const pct = (part: number, whole: number): string => (whole > 0 ? ` (${Math.floor((part * 100) / whole)}%)` : '');
  // Containers: every container counts; running ones are active and their writable layers not reclaimable.
  const engineContainers = labContainers(ctx.engine);
  const containers = engineContainers.list(true);
  const containersUsing = (imageId: string): number => containers.filter((c) => c.imageId === imageId).length;
  const rwSize = new Map(containers.map((c) => [c.id, engineContainers.writableSize(c)]));
  const containersSize = [...rwSize.values()].reduce((a, b) => a + b, 0);
  const running = containers.filter((c) => c.state === 'running');
  const containersReclaimable = containers.filter((c) => c.state !== 'running').reduce((n, c) => n + rwSize.get(c.id)!, 0);
  // Images used by a container are active; their unique bytes are not reclaimable (docker CLI's rule).
  const layerUse = new Map<string, number>();
  for (const img of images) for (const l of img.layers) layerUse.set(l.diffId, (layerUse.get(l.diffId) ?? 0) + 1);
  const activeImages = images.filter((img) => containersUsing(img.id) > 0);
  const usedBytes = activeImages.reduce((n, img) => n + img.layers.filter((l) => layerUse.get(l.diffId) === 1).reduce((m, l) => m + l.size, 0), 0);
  const imagesReclaimable = imagesSize - usedBytes;
  const rows = [
    ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
    ['Images', String(images.length), String(activeImages.length), humanSize(imagesSize), `${humanSize(imagesReclaimable)}${pct(imagesReclaimable, imagesSize)}`],
    ['Containers', String(containers.length), String(running.length), humanSize(containersSize), `${humanSize(containersReclaimable)}${pct(containersReclaimable, containersSize)}`],
    ['Local Volumes', '0', '0', '0B', '0B'],
    ['Build Cache', String(cache.length), '0', humanSize(cacheSize), humanSize(cacheReclaimable)],
  ];
  if (!f.bools.has('--verbose')) {
    ctx.io.stdout(table(rows));
    return 0;
  }
  const now = ctx.engine.now();
  let out = 'Images space usage:\n\n';
  const counts = new Map<string, number>();
  for (const img of images) for (const l of img.layers) counts.set(l.diffId, (counts.get(l.diffId) ?? 0) + 1);
  const irows: string[][] = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'SHARED SIZE', 'UNIQUE SIZE', 'CONTAINERS']];
  for (const img of images) {
    const size = img.layers.reduce((n, l) => n + l.size, 0);
    const shared = img.layers.filter((l) => (counts.get(l.diffId) ?? 0) > 1).reduce((n, l) => n + l.size, 0);
    const tags = ctx.engine.images.tagsOf(img.id);
    for (const t of tags.length ? tags : ['']) {
      const { repository, tag } = t ? splitTaggedRef(t) : { repository: '<none>', tag: '<none>' };
      irows.push([repository, tag, shortId(img.id), imageAgo(createdMs(img), now), dockerSize(size), humanSize(shared), humanSize(size - shared), String(containersUsing(img.id))]);
    }
  }
  out += table(irows);
  const crowsC: string[][] = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'LOCAL VOLUMES', 'SIZE', 'CREATED', 'STATUS', 'NAMES']];
  const engineNow = ctx.engine.now();
  for (const c of containers) {
    crowsC.push([c.id.slice(0, 12), c.imageRef, JSON.stringify(ellipsis(c.argv.join(' '), 20)), '0', dockerSize(rwSize.get(c.id)!), `${humanDuration(engineNow - c.created)} ago`, statusColumn(c, engineNow), c.name]);
  }
  out += '\nContainers space usage:\n\n' + table(crowsC);
  out += '\nLocal Volumes space usage:\n\n' + table([['VOLUME NAME', 'LINKS', 'SIZE']]);
  out += `\nBuild cache usage: ${humanSize(cacheSize)}\n\n`;
  const crows: string[][] = [['CACHE ID', 'CACHE TYPE', 'SIZE', 'CREATED', 'LAST USED', 'USAGE', 'SHARED']];
  for (const r of cache) crows.push([r.id.slice(0, 12), 'regular', humanSize(recordSize(r)), imageAgo(r.createdAt, now), imageAgo(r.lastUsedAt, now), String(r.usageCount), String(shared.has(r.key))]);
  out += table(crows);
  ctx.io.stdout(out);
  return 0;
}

async function imageNames(ctx: { engine: CommandContext['engine'] }): Promise<string[]> {
  const out: string[] = [];
  for (const img of ctx.engine.images.list()) for (const t of ctx.engine.images.tagsOf(img.id)) out.push(familiarRef(t));
  return out;
}

const docker: CommandSpec = {
  name: 'docker',
  summary: 'the simulated Docker engine (run "docker --help")',
  usage: 'docker [OPTIONS] COMMAND',
  // Help, --version, management groups and unknown commands (docker-root.ts, in the lazily loaded shell-help chunk).
  run: async (ctx) => (await import('./shell-help.ts')).dockerRoot(ctx),
};

export const dockerCommands: readonly CommandSpec[] = [
  docker,
  { name: 'docker version', summary: 'Show the Docker version information', usage: 'docker version [OPTIONS]', run: async (ctx) => (await import('./shell-help.ts')).dockerVersion(ctx) },
  {
    name: 'docker build',
    aliases: ['docker buildx build', 'docker image build'],
    summary: 'Build an image from a Dockerfile',
    usage: 'docker build [OPTIONS] PATH',
    flags: ['--tag', '--file', '--build-arg', '--target', '--no-cache', '--progress=plain', '--progress=tty', '--quiet', '--explain-cache'],
    run: dockerBuild,
  },
  {
    name: 'docker images',
    aliases: ['docker image ls', 'docker image list'],
    summary: 'List images (tree view; --format table for the classic table)',
    usage: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
    flags: ['--all', '--quiet', '--digests', '--no-trunc', '--format'],
    run: dockerImages,
    complete: imageNames,
  },
  {
    name: 'docker history',
    aliases: ['docker image history'],
    summary: 'Show the history of an image',
    usage: 'docker history [OPTIONS] IMAGE',
    flags: ['--no-trunc', '--quiet'],
    run: dockerHistory,
    complete: imageNames,
  },
  {
    name: 'docker image inspect',
    aliases: ['docker inspect'],
    summary: 'Display detailed information on one or more images',
    usage: 'docker image inspect [OPTIONS] IMAGE [IMAGE...]',
    flags: ['--format'],
    run: dockerInspect,
    complete: imageNames,
  },
  {
    name: 'docker rmi',
    aliases: ['docker image rm', 'docker image remove'],
    summary: 'Remove one or more images',
    usage: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
    flags: ['--force'],
    run: dockerRmi,
    complete: imageNames,
  },
  {
    name: 'docker system df',
    summary: 'Show docker disk usage',
    usage: 'docker system df [OPTIONS]',
    flags: ['--verbose'],
    run: systemDf,
  },
];
