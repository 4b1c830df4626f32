// `git` in the lab shell. The work is done in git-cli.ts, loaded (with isomorphic-git) on
// first use. Only a git-backed workspace (the browser lab's) has a repository; elsewhere git says so.
import type { CommandSpec } from '../types.ts';
import type { Workspace } from '../../workspace/types.ts';
import type { GitWorkspace } from '../../workspace/git-workspace.ts';

const SUBCOMMANDS = ['add', 'branch', 'checkout', 'commit', 'config', 'diff', 'init', 'log', 'reset', 'restore', 'show', 'status', 'switch', 'tag'];

function asGitWorkspace(ws: Workspace): GitWorkspace | null {
  const w = ws as Partial<GitWorkspace>;
  return typeof w.gitdir === 'string' && typeof w.dir === 'string' && typeof w.listFiles === 'function' ? (ws as GitWorkspace) : null;
}

export const gitCommands: readonly CommandSpec[] = [
  {
    name: 'git',
    summary: 'Version control for the build context: init, status, add, commit, log, diff, show, checkout, switch, branch, restore, reset',
    usage: 'git <command> [<args>]',
    flags: ['--oneline', '--staged', '--cached', '--hard', '--soft', '--mixed', '-m', '-a', '-b', '-c', '-n', '--short'],
    async run(ctx) {
      const ws = asGitWorkspace(ctx.workspace);
      if (!ws) {
        ctx.io.stderr('fatal: not a git repository (or any of the parent directories): .git\n');
        return 128;
      }
      const { runGit } = await import('./git-cli.ts');
      return runGit(ws, ctx.args, { stdout: (s) => ctx.io.stdout(s), stderr: (s) => ctx.io.stderr(s), tty: ctx.io.tty, cwd: ctx.shell.cwd });
    },
    async complete(req) {
      const ws = asGitWorkspace(req.workspace);
      const words = req.words.slice(1);
      if (words.length === 0) return SUBCOMMANDS.filter((s) => s.startsWith(req.partial));
      const sub = words[0];
      if (!ws || !['checkout', 'switch', 'branch', 'log', 'show', 'reset', 'diff'].includes(sub ?? '')) return [];
      const { repoFor } = await import('./git-cli.ts');
      const repo = repoFor(ws);
      if (!(await repo.isRepo())) return [];
      const names = [...(await repo.branches()), ...(sub === 'switch' || sub === 'branch' ? [] : await repo.tags())];
      return names.filter((n) => n.startsWith(req.partial));
    },
  },
];
