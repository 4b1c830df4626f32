// `help`: what the lab shell can run.
import type { CommandSpec } from '../types.ts';

const help: CommandSpec = {
  name: 'help',
  summary: 'list the commands this lab shell understands',
  usage: 'help [COMMAND]',
  async run(ctx) {
    const all = ctx.shell.registry.all().filter((s) => !s.hidden);
    if (ctx.args.length > 0) {
      const found = ctx.shell.registry.lookup(ctx.args);
      if (!found) {
        ctx.io.stderr(`help: no help topics match '${ctx.args.join(' ')}'\n`);
        return 1;
      }
      const s = found.spec;
      let out = `${s.usage ?? s.name}\n\n  ${s.summary}\n`;
      const subs = all.filter((x) => x.name.startsWith(s.name + ' '));
      if (subs.length) out += '\nCommands:\n' + subs.map((x) => `  ${x.name.padEnd(24)}${x.summary}`).join('\n') + '\n';
      if (s.flags?.length) out += `\nFlags: ${s.flags.join(' ')}\n`;
      ctx.io.stdout(out);
      return 0;
    }
    const width = Math.max(...all.map((s) => s.name.length)) + 2;
    const groups = new Map<string, CommandSpec[]>();
    for (const s of all) {
      const g = s.name.includes(' ') ? s.name.split(' ')[0]! : 'files';
      const group = groups.get(g) ?? [];
      group.push(s);
      groups.set(g, group);
    }
    let out = 'Layerlab shell. Commands run against the build context (your project files) and the lab’s engine.\n';
    for (const [g, specs] of groups) {
      out += `\n${g === 'files' ? 'Shell and files' : g.charAt(0).toUpperCase() + g.slice(1)}:\n`;
      for (const s of specs.sort((a, b) => a.name.localeCompare(b.name))) out += `  ${s.name.padEnd(width)}${s.summary}\n`;
    }
    out += '\nJoin commands with && or ;. Write files with > and >>. Run "help COMMAND" for one command.\n';
    out += '\nInside images, apk, apt, npm and pip install from the lab\u2019s toy package index: no real network is used.\n'
      + 'Debian\u2019s and npm\u2019s package sources show stand-in addresses ending in .example.\n';
    ctx.io.stdout(out);
    return 0;
  },
};

export const helpCommands: readonly CommandSpec[] = [help];
