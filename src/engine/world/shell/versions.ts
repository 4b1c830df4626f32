// Versions of the programs in an image, read from its own package database (dpkg's status file or
// apk's installed database), so that `--version` prints what the image really holds.
import type { ProgramContext } from './program.ts';

/** The installed version of a package, from dpkg's status file or apk's installed database. */
export function packageVersion(ctx: ProgramContext, pkg: string): string | undefined {
  const read = (path: string): string | undefined => {
    try {
      return ctx.world.readText(path);
    } catch {
      return undefined;
    }
  };
  const dpkg = read('/var/lib/dpkg/status');
  if (dpkg) {
    for (const stanza of dpkg.split('\n\n')) {
      if (!new RegExp(`^Package: ${pkg.replace(/[.+]/g, '\\$&')}$`, 'm').test(stanza)) continue;
      const v = /^Version: (.+)$/m.exec(stanza)?.[1];
      if (v) return v;
    }
  }
  const apk = read('/lib/apk/db/installed');
  if (apk) {
    for (const entry of apk.split('\n\n')) {
      if (!entry.split('\n').includes(`P:${pkg}`)) continue;
      const v = /^V:(.+)$/m.exec(entry)?.[1];
      if (v) return v;
    }
  }
  return undefined;
}

/** The upstream part of a package version: `1:2.39.5-0+deb12u1` -> `2.39.5`, `8.11.1-r0` -> `8.11.1`. */
export function upstreamVersion(v: string): string {
  return /^(?:\d+:)?(\d+(?:\.\d+)*)/.exec(v)?.[1] ?? v;
}

/** GNU programs: which package each comes from, and the name in its --version line. */
const GNU_PACKAGE: Record<string, [pkg: string, title: string]> = {
  grep: ['grep', 'GNU grep'], egrep: ['grep', 'GNU grep'], sed: ['sed', 'GNU sed'], find: ['findutils', 'GNU findutils'], tar: ['tar', 'GNU tar'],
};

/** GNU's first --version line, e.g. `ls (GNU coreutils) 9.1`, or undefined when the package is not recorded. */
export function gnuVersionLine(ctx: ProgramContext): string | undefined {
  const [pkg, title] = (Object.hasOwn(GNU_PACKAGE, ctx.name) ? GNU_PACKAGE[ctx.name] : undefined) ?? ['coreutils', 'GNU coreutils'];
  const v = packageVersion(ctx, pkg);
  return v ? `${ctx.name} (${title}) ${upstreamVersion(v)}` : undefined;
}

