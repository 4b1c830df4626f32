// nginx inside a RUN: -v and -V print the version on stderr as nginx does (src/core/nginx.c
// ngx_show_version_info), -t says plainly that the lab does not check the configuration, and
// starting the server is explained: in the foreground (`daemon off;`) it would never end the step.
import type { Program, ProgramContext } from './program.ts';
import { packageVersion, upstreamVersion } from './versions.ts';
import { LimitError } from './world.ts';

function version(ctx: ProgramContext): string | undefined {
  const v = ctx.env['NGINX_VERSION'] ?? packageVersion(ctx, 'nginx');
  return v ? upstreamVersion(v) : undefined;
}

export const nginx: Program = (ctx, args) => {
  const flags = args.filter((a) => a.startsWith('-'));
  const letters = new Set(flags.flatMap((a) => (/^-[a-zA-Z?]+$/.test(a) ? a.slice(1).split('') : [])));
  for (const a of flags) {
    if (!/^-[?hvVtTqsgcpe]+$/.test(a)) {
      // ngx_get_options(): "invalid option: "%s"" then status 1.
      ctx.err(`nginx: invalid option: "${a.slice(1)}"\n`);
      return 1;
    }
  }
  if (letters.has('?') || letters.has('h')) {
    ctx.err(`nginx version: nginx/${version(ctx) ?? '?'}\nIn this lab, nginx's option summary is not reproduced.\n`);
    return 0;
  }
  if (letters.has('v') || letters.has('V')) {
    const v = version(ctx);
    ctx.err(v ? `nginx version: nginx/${v}\n` : 'In this lab, the version of nginx is not recorded in this image.\n');
    if (letters.has('V')) ctx.err("In this lab, nginx's build details (compiler, configure arguments) are not reproduced.\n");
    if (!letters.has('t') && !letters.has('T')) return 0;
  }
  if (letters.has('t') || letters.has('T')) {
    ctx.err("In this lab, nginx's configuration is not checked: the lab does not simulate nginx's parser.\n");
    return 0;
  }
  if (letters.has('s')) {
    ctx.err('nginx: [error] invalid PID number "" in "/run/nginx.pid"\n');
    return 1;
  }
  const directives = args.join(' ');
  if (/daemon\s+off/.test(directives)) {
    throw new LimitError('time', 'In this lab, `nginx -g "daemon off;"` would serve in the foreground and never end, so the step was stopped here. Start servers with CMD; `docker run` runs them.');
  }
  ctx.err('In this lab, nginx is not started inside RUN; a daemon started during a build stops when the step ends. Start it with CMD instead.\n');
  return 0;
};
