// The `git` command of the lab shell, loaded with isomorphic-git on first use (a lazy chunk; see
// src/lab/tools/bundle-size.ts): git's porcelain for init, status, add, commit, log, diff, show,
// checkout, switch, branch, restore, reset, tag and config. The subcommands live in git-history.ts and
// git-branches.ts; the repository itself (src/workspace/git.ts) is the layer below.
import { GitError, GitRepo } from '../../workspace/git.ts';
import type { GitWorkspace } from '../../workspace/git-workspace.ts';
import type { GitIo } from './git-args.ts';
import { cmdInit, cmdStatus, cmdAdd, cmdCommit, cmdLog, cmdDiff, cmdShow } from './git-history.ts';
import { cmdCheckout, cmdSwitch, cmdBranch, cmdRestore, cmdReset, cmdTag, cmdConfig } from './git-branches.ts';

export type { GitIo };

const NOT_IN_LAB = new Set(['push', 'pull', 'fetch', 'clone', 'merge', 'rebase', 'stash', 'remote', 'cherry-pick', 'revert', 'rm', 'mv', 'blame', 'bisect', 'worktree', 'submodule', 'reflog', 'clean']);

export const GIT_SUBCOMMANDS = ['add', 'branch', 'checkout', 'commit', 'config', 'diff', 'init', 'log', 'reset', 'restore', 'show', 'status', 'switch', 'tag'];

const repos = new WeakMap<GitWorkspace, GitRepo>();

/** The repo object of a workspace (one per workspace, so caches and `switch -` memory are shared). */
export function repoFor(ws: GitWorkspace): GitRepo {
  let r = repos.get(ws);
  if (!r) {
    r = new GitRepo(ws);
    repos.set(ws, r);
  }
  return r;
}

export async function runGit(ws: GitWorkspace, args: readonly string[], io: GitIo): Promise<number> {
  const repo = repoFor(ws);
  // The sample's history may still be being written (right after the lab opened).
  await ws.settled();
  const cwd = io.cwd ?? '/';
  const out = (s: string) => io.stdout(s);
  const err = (s: string) => io.stderr(s);
  const sub = args[0];
  const rest = args.slice(1);
  try {
    if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      out(
        'usage: git <command> [<args>]\n\n' +
          'Commands available in this lab:\n' +
          '   init      Create an empty Git repository\n' +
          '   status    Show the working tree status\n' +
          '   add       Add file contents to the index\n' +
          '   commit    Record changes to the repository\n' +
          '   log       Show commit logs (--oneline, -n)\n' +
          '   diff      Show changes (--staged, <commit>, <commit> <commit>)\n' +
          '   show      Show a commit, or <commit>:<path>\n' +
          '   checkout  Switch branches or restore files\n' +
          '   switch    Switch branches\n' +
          '   branch    List, create or delete branches\n' +
          '   restore   Restore working tree files\n' +
          '   reset     Reset HEAD, the index and the working tree\n' +
          '   tag       List or create tags (the samples tag their lesson checkpoints)\n' +
          '   config    Get and set user.name and user.email\n\n' +
          'In this lab the repository lives in your browser; there are no remotes, so push, pull and clone are not available.\n',
      );
      return 0;
    }
    if (sub === '--version' || sub === 'version') {
      out('git version 2 (isomorphic-git in this lab)\n');
      return 0;
    }
    if (sub !== 'init' && GIT_SUBCOMMANDS.includes(sub)) await repo.requireRepo();
    switch (sub) {
      case 'init':
        return await cmdInit(repo, rest, out);
      case 'status':
        return await cmdStatus(repo, rest, cwd, io, out);
      case 'add':
        return await cmdAdd(repo, rest, cwd);
      case 'commit':
        return await cmdCommit(repo, rest, cwd, io, out);
      case 'log':
        return await cmdLog(repo, rest, io, out);
      case 'diff':
        return await cmdDiff(repo, rest, cwd, io, out);
      case 'show':
        return await cmdShow(repo, rest, io, out);
      case 'checkout':
        return await cmdCheckout(repo, rest, cwd, io.tty, err);
      case 'switch':
        return await cmdSwitch(repo, rest, out, err);
      case 'branch':
        return await cmdBranch(repo, rest, io, out);
      case 'restore':
        return await cmdRestore(repo, rest, cwd);
      case 'reset':
        return await cmdReset(repo, rest, cwd, out);
      case 'tag':
        return await cmdTag(repo, rest, out);
      case 'config':
        return await cmdConfig(repo, rest, out);
      default:
        if (NOT_IN_LAB.has(sub)) {
          err(`git: '${sub}' is not available in this lab (the repository has no remotes and the lab implements a subset of git). See 'git help'.\n`);
          return 1;
        }
        err(`git: '${sub}' is not a git command. See 'git --help'.\n`);
        return 1;
    }
  } catch (e) {
    if (e instanceof GitError) {
      err(e.message + '\n');
      return e.status;
    }
    const code = (e as { code?: string }).code;
    if (code === 'NotFoundError' || code === 'InvalidRefNameError' || code === 'CheckoutConflictError') {
      err(`fatal: ${(e as Error).message}\n`);
      return 128;
    }
    throw e;
  }
}
