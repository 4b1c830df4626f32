// Issue 14 item 8: curl, wget, nginx and the language tools answer --version and --help, accept
// the options real Dockerfiles pass them, and say "not simulated" for real options the toy web
// cannot honour. Only options the real program lacks are unknown.
import { describe, expect, it } from 'vitest';
import { fileText, sh } from './helpers.ts';

const withCurl = 'apk add -q --no-cache curl >/dev/null 2>&1; ';

describe('curl', () => {
  // curl src/tool_help.c: "curl <version> (<host triple>) libcurl/<version> …"; alpine 3.21 ships
  // curl 8.11.1 (the apk database says 8.11.1-r0), bookworm 7.88.1.
  it('--version and -V print the installed package\'s version', async () => {
    const a = await sh('alpine:3.21', `${withCurl}curl --version; curl -V`);
    expect(a.out).toBe('curl 8.11.1 (x86_64-alpine-linux-musl) libcurl/8.11.1\n'.repeat(2));
    expect(a.code).toBe(0);
    const d = await sh('debian:bookworm-slim', 'apt-get update >/dev/null 2>&1; apt-get install -y curl >/dev/null 2>&1; curl --version');
    expect(d.out).toBe('curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1\n');
  });

  it('--help starts as curl\'s does and ends with status 0', async () => {
    const r = await sh('alpine:3.21', `${withCurl}curl --help; echo $?`);
    expect(r.out.split('\n')[0]).toBe('Usage: curl [options...] <url>');
    expect(r.out).toContain("In this lab, curl's help text is not reproduced.");
    expect(r.out.endsWith('0\n')).toBe(true);
  });

  it('accepts retries, timeouts, compression and TLS options that real Dockerfiles use', async () => {
    const r = await sh('alpine:3.21', `${withCurl}curl -fsSL --retry 3 --retry-delay 2 --connect-timeout 5 --max-time 60 --compressed --proto '=https' --tlsv1.2 -A lab -o /tmp/x https://example.com/ && wc -c < /tmp/x`);
    expect(r.err).toBe('');
    expect(r.out).toBe('334\n');
  });

  // curl src/tool_writeout.c: %{http_code} is three digits; unknown variables are warned about.
  it('-w prints the status code and -o /dev/null writes nothing', async () => {
    const r = await sh('alpine:3.21', `${withCurl}curl -s -o /dev/null -w '%{http_code}\\n' https://example.com/missing; curl -s -o /dev/null -w '%{http_code} %{size_download}\\n' https://example.com/`);
    expect(r.out).toBe('404\n200 334\n');
    expect(fileText(r.root, '/dev/null')).toBeUndefined();
  });

  it('--create-dirs makes the parents of -o', async () => {
    const r = await sh('alpine:3.21', `${withCurl}curl -s --create-dirs -o /a/b/index.html https://example.com/ && ls /a/b`);
    expect(r.out).toBe('index.html\n');
  });

  it('a real option the toy web cannot honour is not simulated; a made-up one is unknown', async () => {
    const r = await sh('alpine:3.21', `${withCurl}curl -d a=1 https://example.com/; echo $?; curl -X POST https://example.com/; curl --frobnicate https://example.com/; echo $?`);
    expect(r.err).toBe([
      "In this lab, curl's --data option is not simulated (the toy web answers only plain GET requests).",
      'In this lab, curl -X POST is not simulated (the toy web answers only GET requests).',
      'curl: option --frobnicate: is unknown',
      "curl: try 'curl --help' or 'curl --manual' for more information",
      '',
    ].join('\n'));
    expect(r.out).toBe('2\n2\n');
  });
});

describe('wget', () => {
  it('GNU wget: --version from the package, -nv, -T and -t accepted', async () => {
    const r = await sh('debian:bookworm-slim', 'apt-get update >/dev/null 2>&1; apt-get install -y wget >/dev/null 2>&1; wget --version; wget -nv -T 5 -t 2 -O /dev/null https://example.com/; echo $?');
    expect(r.out).toBe('GNU Wget 1.21.3 built on linux-gnu.\n0\n');
  });

  it('busybox wget: --help exits 0', async () => {
    const r = await sh('alpine:3.21', 'wget --help; echo $?');
    expect(r.err.startsWith('BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\n')).toBe(true);
    expect(r.out).toBe('0\n');
  });
});

describe('nginx in a RUN', () => {
  // nginx src/core/nginx.c: -v writes "nginx version: nginx/<version>" to stderr.
  it('-v prints the image\'s nginx version on stderr', async () => {
    const r = await sh('nginx:alpine', 'nginx -v');
    expect(r.err).toBe('nginx version: nginx/1.27.3\n');
    expect(r.code).toBe(0);
  });

  it('-t says the configuration is not checked, and an invalid option is nginx\'s own error', async () => {
    const r = await sh('nginx:latest', 'nginx -t; nginx -x; echo $?');
    expect(r.err).toBe('In this lab, nginx\'s configuration is not checked: the lab does not simulate nginx\'s parser.\nnginx: invalid option: "x"\n');
    expect(r.out).toBe('1\n');
  });

  it('nginx in the foreground would never end the step: a lab time limit', async () => {
    const r = await sh('nginx:alpine', 'nginx -g "daemon off;"');
    expect(r.code).toBe(137);
    expect(r.result.limitExceeded).toBe('time');
  });
});

describe('language tools', () => {
  it('node, npm, python3, pip and go answer --help with status 0', async () => {
    const n = await sh('node:22-alpine', 'node --help; npm --help; echo $?');
    expect(n.out).toBe("In this lab, node's help text is not reproduced; only `node --version` is simulated.\nIn this lab, npm's help text is not reproduced; npm install, ci, cache clean and --version are simulated.\n0\n");
    const p = await sh('python:3.12-slim', 'python3 --help >/dev/null; pip --help >/dev/null; echo $?');
    expect(p.out).toBe('0\n');
    const g = await sh('golang:1.23-alpine', 'go help >/dev/null; echo $?');
    expect(g.out).toBe('0\n');
  });
});
