// Long-running programs. The lab's RUN interpreter runs commands that finish; a container whose main
// process is a server (node with an HTTP listener, nginx in the foreground) keeps running instead,
// as "Up", with the log lines the program prints at start-up. In this lab the server's code is not
// executed: its start-up lines are read from the program (console.log literals) or are nginx's own.
import { getNode, statNode, normalizePath, dirname, contentText, type DirNode } from '../fs/index.ts';

export interface ServerStart {
  /** Lines the program prints before it starts serving. */
  readonly logs: readonly { readonly stream: 'stdout' | 'stderr'; readonly text: string }[];
  /** Exit code when the process is stopped with `docker stop` (signal handling as PID 1). */
  readonly stopExitCode: number;
  /** Simulated ms `docker stop` waits (10 s grace period when PID 1 ignores SIGTERM). */
  readonly stopMs: number;
}

export type ServerProbe = { kind: 'server'; start: ServerStart } | { kind: 'fails'; exitCode: number; stderr: string } | { kind: 'not-a-server' };

function readText(root: DirNode, path: string): string | undefined {
  const node = statNode(root, path);
  return node?.type === 'file' ? contentText(node.content) : undefined;
}

const NODE_BUILTINS = new Set(['fs', 'path', 'http', 'https', 'os', 'url', 'util', 'events', 'crypto', 'stream', 'child_process', 'net', 'zlib', 'querystring', 'assert', 'buffer']);

/** `const port = process.env.PORT || 3000;` → value from the container env or the fallback. */
function evalTemplate(body: string, script: string, env: Record<string, string>): string {
  return body.replace(/\$\{\s*([A-Za-z_$][\w$]*)\s*\}/g, (whole, name: string) => {
    const decl = new RegExp(`(?:const|let|var)\\s+${name}\\s*=\\s*process\\.env\\.([A-Za-z_]\\w*)\\s*(?:\\|\\||\\?\\?)\\s*(['"]?)([^'";\\n]*)\\2`).exec(script);
    if (decl) return env[decl[1]!] ?? decl[3]!;
    const lit = new RegExp(`(?:const|let|var)\\s+${name}\\s*=\\s*(['"]?)([^'";\\n]*)\\1\\s*;`).exec(script);
    return lit ? lit[2]! : whole;
  });
}

function consoleLines(script: string, env: Record<string, string>): { stream: 'stdout' | 'stderr'; text: string }[] {
  const out: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  const re = /console\.(log|info|error|warn)\(\s*(?:'([^'\\]*)'|"([^"\\]*)"|`([^`\\]*)`)\s*\)/g;
  for (let m = re.exec(script); m; m = re.exec(script)) {
    const stream = m[1] === 'error' || m[1] === 'warn' ? 'stderr' : 'stdout';
    const text = m[2] ?? m[3] ?? evalTemplate(m[4] ?? '', script, env);
    out.push({ stream, text });
  }
  return out;
}

function nodeProbe(root: DirNode, args: readonly string[], cwd: string, env: Record<string, string>): ServerProbe {
  const scriptArg = args.find((a) => !a.startsWith('-'));
  if (!scriptArg) return { kind: 'not-a-server' };
  const path = normalizePath(scriptArg, cwd);
  const candidates = [path, `${path}.js`, `${path}/index.js`];
  const found = candidates.find((p) => statNode(root, p)?.type === 'file');
  if (!found) {
    return { kind: 'fails', exitCode: 1, stderr: `node:internal/modules/cjs/loader\n  throw err;\n  ^\n\nError: Cannot find module '${path}'\n` };
  }
  const script = readText(root, found) ?? '';
  // Modules the program requires must be installed (node_modules next to it or above).
  for (const m of script.matchAll(/require\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g)) {
    const mod = m[1]!.replace(/^node:/, '');
    if (NODE_BUILTINS.has(mod.split('/')[0]!)) continue;
    let dir = dirname(found);
    let ok = false;
    for (;;) {
      if (getNode(root, `${dir === '/' ? '' : dir}/node_modules/${mod}`)) {
        ok = true;
        break;
      }
      if (dir === '/') break;
      dir = dirname(dir);
    }
    if (!ok) {
      return {
        kind: 'fails',
        exitCode: 1,
        stderr: `node:internal/modules/cjs/loader\n  throw err;\n  ^\n\nError: Cannot find module '${mod}'\nRequire stack:\n- ${found}\n`,
      };
    }
  }
  if (!/\.listen\(/.test(script)) return { kind: 'not-a-server' };
  // Node as PID 1 has no default SIGTERM handler: docker stop waits 10 s, then SIGKILL (exit 137).
  const handlesSigterm = /process\.on\(\s*['"]SIGTERM['"]/.test(script);
  return {
    kind: 'server',
    start: { logs: consoleLines(script, env), stopExitCode: handlesSigterm ? 0 : 137, stopMs: handlesSigterm ? 100 : 10_000 },
  };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

function nginxProbe(root: DirNode, args: readonly string[], env: Record<string, string>, now: number, viaEntrypoint: boolean): ServerProbe {
  const g = args.indexOf('-g');
  const foreground = g >= 0 && /daemon\s+off\s*;/.test(args[g + 1] ?? '');
  if (!foreground) return { kind: 'not-a-server' };
  const logs: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  if (viaEntrypoint) {
    const dir = getNode(root, '/docker-entrypoint.d');
    const names = dir?.type === 'dir' ? [...dir.entries.keys()].sort() : [];
    const ep = '/docker-entrypoint.sh';
    if (names.length > 0) {
      logs.push({ stream: 'stdout', text: `${ep}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration` });
      logs.push({ stream: 'stdout', text: `${ep}: Looking for shell scripts in /docker-entrypoint.d/` });
      for (const n of names) {
        if (n.endsWith('.envsh')) logs.push({ stream: 'stdout', text: `${ep}: Sourcing /docker-entrypoint.d/${n}` });
        else if (n.endsWith('.sh')) logs.push({ stream: 'stdout', text: `${ep}: Launching /docker-entrypoint.d/${n}` });
      }
      logs.push({ stream: 'stdout', text: `${ep}: Configuration complete; ready for start up` });
    } else logs.push({ stream: 'stdout', text: `${ep}: No files found in /docker-entrypoint.d/, skipping configuration` });
  }
  const t = nginxTime(now);
  const version = env['NGINX_VERSION'];
  logs.push({ stream: 'stderr', text: `${t} [notice] 1#1: using the "epoll" event method` });
  if (version) logs.push({ stream: 'stderr', text: `${t} [notice] 1#1: nginx/${version}` });
  logs.push({ stream: 'stderr', text: `${t} [notice] 1#1: start worker processes` });
  // nginx quits gracefully on SIGQUIT (the image's STOPSIGNAL).
  return { kind: 'server', start: { logs, stopExitCode: 0, stopMs: 100 } };
}

/** Resolves a command name through PATH inside the image (as exec does); paths with a slash are taken as they are. */
export function lookPath(root: DirNode, name: string, cwd: string, env: Record<string, string>): string | undefined {
  if (name.includes('/')) {
    const p = normalizePath(name, cwd);
    return statNode(root, p)?.type === 'file' ? p : undefined;
  }
  const path = env['PATH'] ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  for (const dir of path.split(':')) {
    if (!dir) continue;
    const p = normalizePath(`${dir}/${name}`);
    if (statNode(root, p)?.type === 'file') return p;
  }
  return undefined;
}

/**
 * Decides whether `argv` starts a long-running server. `entrypointScript` is set when the image's
 * entrypoint is a wrapper script that ends with `exec "$@"` (the official images' docker-entrypoint.sh).
 */
export function probeServer(root: DirNode, argv: readonly string[], cwd: string, env: Record<string, string>, now: number): ServerProbe {
  let args = [...argv];
  let viaEntrypoint = false;
  const first = args[0] ?? '';
  if (/docker-entrypoint\.sh$/.test(first)) {
    const text = readText(root, lookPath(root, first, cwd, env) ?? first) ?? '';
    if (/exec\s+"\$@"/.test(text)) {
      args = args.slice(1);
      viaEntrypoint = true;
    }
  }
  const prog = (args[0] ?? '').split('/').pop();
  if (prog === 'node' || prog === 'nodejs') return nodeProbe(root, args.slice(1), cwd, env);
  if (prog === 'nginx') return nginxProbe(root, args.slice(1), env, now, viaEntrypoint);
  return { kind: 'not-a-server' };
}
