/**
 * Our own hints about layers and the build cache (rules prefixed "Layerlab/"): caches deleted in a later
 * layer, COPY of everything before a dependency install, consecutive RUNs, ADD where COPY would do, and a
 * missing .dockerignore.
 */
import type { Dockerfile, Instruction, LintContext } from '../types.ts';
import { LAYERLAB_RULES } from './rules.ts';
import type { Sink } from './sink.ts';
import { isArchive, isRemote } from './sources.ts';

const DEP_INSTALL =
  /\b(?:npm\s+(?:ci|install|i)\b|yarn(?:\s+install)?\b|pnpm\s+(?:install|i)\b|pip3?\s+install\b|poetry\s+install\b|pipenv\s+install\b|bundle\s+install\b|composer\s+install\b|go\s+mod\s+download\b|cargo\s+(?:build|fetch)\b|mvn\b|gradle\b)/;

interface CacheWriter {
  re: RegExp;
  paths: RegExp;
  what: string;
  /** A flag that makes the command leave nothing behind. */
  unless?: RegExp;
}

const CACHE_WRITERS: CacheWriter[] = [
  { re: /\bapt(?:-get)?\s+(?:-\S+\s+)*update\b/, paths: /\/var\/lib\/apt\/lists/, what: 'apt package lists (/var/lib/apt/lists)' },
  { re: /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b/, paths: /\/var\/cache\/apt/, what: 'downloaded .deb files (/var/cache/apt)' },
  {
    re: /\bapk\s+(?:-\S+\s+)*(?:update|add)\b/,
    paths: /\/var\/cache\/apk/,
    what: 'the apk package index (/var/cache/apk)',
    unless: /--no-cache\b/,
  },
  {
    re: /\bpip3?\s+install\b/,
    paths: /(?:\/root)?\/\.cache\/pip|~\/\.cache\/pip/,
    what: "pip's download cache (~/.cache/pip)",
    unless: /--no-cache-dir\b/,
  },
  { re: /\b(?:npm\s+(?:ci|install|i)\b)/, paths: /(?:\/root)?\/\.npm\b|~\/\.npm\b/, what: "npm's download cache (~/.npm)" },
  { re: /\b(?:dnf|yum)\s+(?:-\S+\s+)*install\b/, paths: /\/var\/cache\/(?:dnf|yum)/, what: 'the dnf/yum cache (/var/cache/dnf)' },
];

const RM_RE = /\brm\s+(?:-\S+\s+)*([^;&|]*)/g;

function shellText(i: Instruction): string | undefined {
  if (i.kind !== 'RUN') return undefined;
  if (i.cmd.form === 'exec') return i.cmd.args.join(' ');
  return i.cmd.command + i.heredocs.map((h) => '\n' + h.content).join('');
}

function lineOf(i: Instruction): number {
  return i.range.start.line;
}

export function layerHints(dockerfile: Dockerfile, context: LintContext, sink: Sink): void {
  for (const st of dockerfile.stages) {
    const list = st.instructions;
    // Package lists or caches written by one RUN and deleted by a later RUN.
    const written: Array<{ w: CacheWriter; at: Instruction }> = [];
    for (const i of list) {
      const text = shellText(i);
      if (text === undefined) continue;
      const removed: string[] = [];
      RM_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = RM_RE.exec(text)) !== null) removed.push(m[1]!);
      for (const r of removed) {
        for (const prev of written) {
          if (prev.at !== i && prev.w.paths.test(r) && !prev.w.re.test(text)) {
            sink.hint(
              LAYERLAB_RULES.DeletedInLaterLayer,
              `This RUN deletes ${prev.w.what}, which the RUN on line ${lineOf(prev.at)} downloaded. ` +
                `That earlier layer keeps the files, so the image does not get smaller: each layer only adds to the ones below it. ` +
                `Download and clean up in the same RUN.`,
              i.range,
            );
          }
        }
      }
      for (const w of CACHE_WRITERS) {
        if (w.re.test(text) && !(w.unless && w.unless.test(text)) && !removed.some((r) => w.paths.test(r))) {
          written.push({ w, at: i });
        }
      }
    }

    // COPY . . before a dependency install.
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      if (c.kind !== 'COPY' || c.flags.from !== undefined) continue;
      if (!c.sources.some((s) => s === '.' || s === './' || s === '*')) continue;
      for (let j = k + 1; j < list.length; j++) {
        const r = list[j]!;
        const t = shellText(r);
        if (t !== undefined && DEP_INSTALL.test(t)) {
          sink.hint(
            LAYERLAB_RULES.CopyAllBeforeInstall,
            `This COPY brings in the whole build context before the dependency install on line ${lineOf(r)}. ` +
              `Any edit to any file then changes this step's cache key, so the install runs again on every rebuild. ` +
              `Copy only the dependency manifests first (for example package.json and package-lock.json), install, then copy the rest.`,
            c.range,
          );
          break;
        }
      }
    }

    // Consecutive RUNs.
    for (let k = 1; k < list.length; k++) {
      const a = list[k - 1]!;
      const b = list[k]!;
      if (a.kind === 'RUN' && b.kind === 'RUN' && a.cmd.form === 'shell' && b.cmd.form === 'shell' && a.heredocs.length === 0 && b.heredocs.length === 0 && a.flags.mount.length === 0 && b.flags.mount.length === 0) {
        sink.hint(
          LAYERLAB_RULES.ConsecutiveRun,
          `This RUN directly follows the RUN on line ${lineOf(a)}. Each RUN makes its own layer; ` +
            `joined with && they make one layer, and files created and deleted within one RUN never reach the image.`,
          b.range,
        );
      }
    }

    // ADD where COPY would do.
    for (const i of list) {
      if (i.kind !== 'ADD') continue;
      if (i.heredocs.length === 0 && i.sources.length > 0 && i.sources.every((s) => !isRemote(s) && !isArchive(s))) {
        sink.hint(
          LAYERLAB_RULES.AddWhereCopyWould,
          `ADD also downloads URLs and unpacks local tar archives. These sources are plain files, so COPY does the same job and says what you mean.`,
          i.range,
        );
      }
    }
  }

  // Missing .dockerignore with node_modules or .git in the context.
  if (context.files && (context.dockerignore === null || context.dockerignore === undefined)) {
    const heavy: string[] = [];
    for (const dir of ['node_modules', '.git']) {
      if (context.files.some((f) => f === dir || f.startsWith(dir + '/') || f.includes('/' + dir + '/'))) heavy.push(dir);
    }
    if (heavy.length > 0) {
      let target: Instruction | undefined;
      for (const st of dockerfile.stages) {
        for (const i of st.instructions) {
          if ((i.kind === 'COPY' && i.flags.from === undefined) || i.kind === 'ADD') {
            if (!target) target = i;
            if (i.sources.some((s) => s === '.' || s === './')) {
              target = i;
              break;
            }
          }
        }
      }
      const range = target?.range ?? dockerfile.stages[0]!.from.range;
      const names = heavy.join(' and ');
      const them = heavy.length > 1 ? 'them' : 'it';
      const copiesAll = target !== undefined && 'sources' in target && target.sources.some((s) => s === '.' || s === './');
      sink.hint(
        LAYERLAB_RULES.MissingDockerignore,
        `The build context has no .dockerignore, yet it holds ${names}. ` +
          (copiesAll
            ? `This ${target!.kind} of the whole context sends ${them} to the builder and puts ${them} in the image. `
            : `A COPY of the whole context would send ${them} to the builder and put ${them} in the image. `) +
          `Add a .dockerignore that lists ${names}.`,
        range,
      );
    }
  }
}
