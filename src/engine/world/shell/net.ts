// curl and wget over the lab's small toy web. Options are the real programs': those that change
// nothing in the toy web (timeouts, retries, TLS and protocol choices, progress style) are accepted,
// the ones the toy web cannot answer (uploads, POST bodies, proxies, …) say they are not simulated,
// and only options curl itself lacks are "unknown" (curl src/tool_getparam.c, docs/cmdline-opts).
import { basename, contentSize, generatedContent, normalizePath, textContent } from '../../fs/index.ts';
import type { Program, ProgramContext } from './program.ts';
import { last, parseOpts } from '../../fs/index.ts';
import { FsError, ERRNO_TEXT } from './world.ts';
import { packageVersion, upstreamVersion } from './versions.ts';


interface WebFile {
  body: string | { size: number; seed: string };
  mode?: number;
  type?: string;
}

const EXAMPLE_HTML = `<!doctype html>
<html>
<head>
    <title>Example Domain</title>
    <meta charset="utf-8" />
</head>

<body>
<div>
    <h1>Example Domain</h1>
    <p>This domain is for use in illustrative examples in documents. You may use this
    domain in literature without prior coordination or asking for permission.</p>
</div>
</body>
</html>
`;

/** The few URLs the lab's network serves. Everything else does not resolve. */
export const TOY_WEB: Record<string, WebFile> = {
  'https://example.com/': { body: EXAMPLE_HTML, type: 'text/html' },
  'http://example.com/': { body: EXAMPLE_HTML, type: 'text/html' },
  'https://example.org/': { body: EXAMPLE_HTML, type: 'text/html' },
  'https://github.com/krallin/tini/releases/download/v0.19.0/tini': { body: { size: 24_064, seed: 'tini-0.19.0' } },
  'https://github.com/krallin/tini/releases/download/v0.19.0/tini-static': { body: { size: 868_984, seed: 'tini-static-0.19.0' } },
  'https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl': { body: { size: 56_381_592, seed: 'kubectl-1.31.0' } },
  'https://raw.githubusercontent.com/layerlab/toy/main/hello.sh': { body: '#!/bin/sh\necho "Hello from the toy web"\n', type: 'text/plain' },
};

function lookupUrl(url: string): { host: string; file?: WebFile } {
  const m = /^(https?):\/\/([^/:]+)(?::\d+)?(\/.*)?$/.exec(url);
  if (!m) return { host: '' };
  const norm = `${m[1]}://${m[2]}${m[3] ?? '/'}`;
  const file = TOY_WEB[norm];
  const res: { host: string; file?: WebFile } = { host: m[2]! };
  if (file) res.file = file;
  return res;
}

function knownHost(host: string): boolean {
  return Object.keys(TOY_WEB).some((u) => u.split('/')[2] === host);
}

function webContent(file: WebFile) {
  return typeof file.body === 'string' ? textContent(file.body) : generatedContent(file.body.seed, file.body.size);
}

function fmtK(n: number): string {
  if (n < 100_000) return String(n);
  if (n < 10 * 1024 * 1024) return `${Math.round(n / 1024)}k`;
  return `${Math.round(n / 1024 / 1024)}M`;
}


// ---- curl ----

/** curl's options that take an argument (long names; short letters in CURL_SHORT_VALUE). */
const CURL_VALUE = new Set(('abstract-unix-socket alt-svc aws-sigv4 cacert capath cert cert-type ciphers config connect-timeout connect-to continue-at '
  + 'cookie cookie-jar create-file-mode crlfile curves data data-ascii data-binary data-raw data-urlencode delegation dns-interface dns-ipv4-addr '
  + 'dns-ipv6-addr dns-servers doh-url dump-header ech egd-file engine etag-compare etag-save expect100-timeout form form-string ftp-account '
  + 'ftp-alternative-to-user ftp-method ftp-port ftp-ssl-ccc-mode happy-eyeballs-timeout-ms haproxy-clientip header hostpubmd5 hostpubsha256 hsts '
  + 'interface ip-tos ipfs-gateway json keepalive-cnt keepalive-time key key-type krb libcurl limit-rate local-port login-options mail-auth mail-from '
  + 'mail-rcpt max-filesize max-redirs max-time netrc-file noproxy oauth2-bearer output output-dir parallel-max pass pinnedpubkey preproxy proto '
  + 'proto-default proto-redir proxy proxy-cacert proxy-capath proxy-cert proxy-cert-type proxy-ciphers proxy-crlfile proxy-header proxy-key '
  + 'proxy-key-type proxy-pass proxy-pinnedpubkey proxy-service-name proxy-tls13-ciphers proxy-tlsauthtype proxy-tlspassword proxy-tlsuser proxy-user '
  + 'proxy1.0 pubkey quote random-file range rate referer request request-target resolve retry retry-delay retry-max-time sasl-authzid service-name '
  + 'socks4 socks4a socks5 socks5-gssapi-service socks5-hostname speed-limit speed-time telnet-option tftp-blksize time-cond tls-max tls13-ciphers '
  + 'tlsauthtype tlspassword tlsuser trace trace-ascii trace-config unix-socket upload-file url url-query user user-agent variable vlan-priority write-out').split(' '));

/** curl's options without an argument (long names). */
const CURL_FLAG = new Set(('anyauth append basic ca-native cert-status compressed compressed-ssh create-dirs crlf digest disable disable-eprt disable-epsv '
  + 'disallow-username-in-url doh-cert-status doh-insecure fail fail-early fail-with-body false-start form-escape ftp-create-dirs ftp-pasv ftp-pret '
  + 'ftp-skip-pasv-ip ftp-ssl-ccc ftp-ssl-control get globoff haproxy-protocol head help http0.9 http1.0 http1.1 http2 http2-prior-knowledge http3 '
  + 'http3-only ignore-content-length include insecure ipv4 ipv6 junk-session-cookies list-only location location-trusted manual metalink mptcp negotiate '
  + 'netrc netrc-optional next no-alpn no-buffer no-clobber no-keepalive no-npn no-progress-meter no-sessionid ntlm ntlm-wb parallel parallel-immediate '
  + 'path-as-is post301 post302 post303 progress-bar proxy-anyauth proxy-basic proxy-ca-native proxy-digest proxy-http2 proxy-insecure proxy-negotiate '
  + 'proxy-ntlm proxy-ssl-allow-beast proxy-ssl-auto-client-cert proxy-tlsv1 proxytunnel raw remote-header-name remote-name remote-name-all remote-time '
  + 'remove-on-error retry-all-errors retry-connrefused sasl-ir show-error show-headers silent skip-existing socks5-basic socks5-gssapi socks5-gssapi-nec '
  + 'ssl ssl-allow-beast ssl-auto-client-cert ssl-no-revoke ssl-reqd ssl-revoke-best-effort sslv2 sslv3 styled-output suppress-connect-headers '
  + 'tcp-fastopen tcp-nodelay tftp-no-options tlsv1 tlsv1.0 tlsv1.1 tlsv1.2 tlsv1.3 tr-encoding trace-ids trace-time use-ascii verbose version xattr').split(' '));

const CURL_SHORT: Record<string, string> = {
  a: 'append', A: 'user-agent', b: 'cookie', B: 'use-ascii', c: 'cookie-jar', C: 'continue-at', d: 'data', D: 'dump-header', e: 'referer', E: 'cert',
  f: 'fail', F: 'form', g: 'globoff', G: 'get', h: 'help', H: 'header', i: 'include', I: 'head', j: 'junk-session-cookies', J: 'remote-header-name',
  k: 'insecure', K: 'config', l: 'list-only', L: 'location', m: 'max-time', M: 'manual', n: 'netrc', N: 'no-buffer', o: 'output', O: 'remote-name',
  p: 'proxytunnel', P: 'ftp-port', q: 'disable', Q: 'quote', r: 'range', R: 'remote-time', s: 'silent', S: 'show-error', t: 'telnet-option',
  T: 'upload-file', u: 'user', U: 'proxy-user', v: 'verbose', V: 'version', w: 'write-out', x: 'proxy', X: 'request', y: 'speed-time', Y: 'speed-limit',
  z: 'time-cond', Z: 'parallel', '#': 'progress-bar', '0': 'http1.0', '1': 'tlsv1', '2': 'sslv2', '3': 'sslv3', '4': 'ipv4', '6': 'ipv6', ':': 'next',
};

/** Options that change nothing against the toy web (it always answers at once, over any protocol). */
const CURL_NO_EFFECT = new Set(('anyauth basic ca-native cacert capath cert-status compressed connect-timeout create-file-mode digest disable expect100-timeout '
  + 'fail-early globoff happy-eyeballs-timeout-ms http1.0 http1.1 http2 http2-prior-knowledge http3 insecure ipv4 ipv6 keepalive-time limit-rate '
  + 'location-trusted max-filesize max-redirs max-time netrc netrc-optional no-buffer no-keepalive no-progress-meter no-sessionid noproxy path-as-is '
  + 'progress-bar proto proto-default proto-redir remote-time retry retry-all-errors retry-connrefused retry-delay retry-max-time speed-limit speed-time '
  + 'ssl ssl-no-revoke ssl-reqd ssl-revoke-best-effort styled-output tcp-fastopen tcp-nodelay tls-max tlsv1 tlsv1.0 tlsv1.1 tlsv1.2 tlsv1.3 '
  + 'user-agent referer user verbose oauth2-bearer header').split(' '));

/** What the lab's curl itself does. */
const CURL_DONE = new Set('fail fail-with-body silent show-error location output remote-name remote-name-all head include write-out create-dirs output-dir help version request'.split(' '));

interface CurlArgs {
  set: Set<string>;
  values: Map<string, string[]>;
  urls: string[];
}

/** Reads curl's arguments; returns an error message for an unknown option or a missing argument. */
function parseCurl(args: readonly string[]): CurlArgs | string {
  const out: CurlArgs = { set: new Set(), values: new Map(), urls: [] };
  const add = (name: string, v: string): void => {
    out.values.set(name, [...(out.values.get(name) ?? []), v]);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--') && a.length > 2) {
      let name = a.slice(2);
      const eq = name.indexOf('=');
      if (eq >= 0) return `option ${a}: is unknown`;
      // `--no-<flag>` switches a flag off (curl's boolean options).
      const negated = name.startsWith('no-') && CURL_FLAG.has(name.slice(3)) && !CURL_FLAG.has(name);
      if (negated) name = name.slice(3);
      if (CURL_VALUE.has(name)) {
        if (i + 1 >= args.length) return `option ${a}: requires parameter`;
        add(name, args[++i]!);
      } else if (CURL_FLAG.has(name)) {
        if (negated) out.set.delete(name);
        else out.set.add(name);
      } else return `option ${a}: is unknown`;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const name = CURL_SHORT[a[j]!];
        if (!name) return `option -${a.slice(j)}: is unknown`;
        if (CURL_VALUE.has(name)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) return `option -${a[j]}: requires parameter`;
          add(name, v);
          break;
        }
        out.set.add(name);
      }
      continue;
    }
    out.urls.push(a);
  }
  return out;
}

const CURL_TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

function curlVersion(ctx: ProgramContext): string {
  const v = packageVersion(ctx, 'curl');
  if (!v) return `In this lab, the version of curl is not recorded in this image.\n`;
  const up = upstreamVersion(v);
  const triple = ctx.world.stat('/etc/alpine-release') ? 'x86_64-alpine-linux-musl' : 'x86_64-pc-linux-gnu';
  return `curl ${up} (${triple}) libcurl/${up}\n`;
}

/** curl -w: the variables the toy web can answer, and the \n \t \r escapes (curl src/tool_writeout.c). */
function writeOut(ctx: ProgramContext, format: string, info: { code: number; url: string; size: number; type: string }): string {
  const vars: Record<string, string> = {
    http_code: String(info.code).padStart(3, '0'), response_code: String(info.code).padStart(3, '0'), url_effective: info.url, url: info.url,
    size_download: String(info.size), content_type: info.type, num_redirects: '0', exitcode: '0', scheme: info.url.split(':')[0]!.toUpperCase(),
  };
  return format.replace(/%\{([^}]*)\}|\\([ntr\\])|%%/g, (m, name: string | undefined, esc: string | undefined) => {
    if (esc) return esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === 'r' ? '\r' : '\\';
    if (m === '%%') return '%';
    if (Object.hasOwn(vars, name!)) return vars[name!]!;
    ctx.err(`curl: unknown --write-out variable: '${name}'\n`);
    return '';
  });
}

export const curl: Program = (ctx, args) => {
  const parsed = parseCurl(args);
  if (typeof parsed === 'string') {
    ctx.err(`curl: ${parsed}\n${CURL_TRY}`);
    return 2;
  }
  const o = parsed;
  if (o.set.has('help')) {
    ctx.out("Usage: curl [options...] <url>\nIn this lab, curl's help text is not reproduced. The toy web answers GET requests; -f, -s, -S, -L, -o, -O, -I, -i, -w and --create-dirs work, and timeouts, retries and TLS options are accepted.\n");
    return 0;
  }
  if (o.set.has('version')) {
    ctx.out(curlVersion(ctx));
    return 0;
  }
  const method = last(o.values, 'request');
  for (const name of [...o.set, ...o.values.keys()]) {
    if (CURL_DONE.has(name) || CURL_NO_EFFECT.has(name)) continue;
    ctx.err(`In this lab, curl's --${name} option is not simulated (the toy web answers only plain GET requests).\n`);
    return 2;
  }
  if (method && method !== 'GET' && method !== 'HEAD') {
    ctx.err(`In this lab, curl -X ${method} is not simulated (the toy web answers only GET requests).\n`);
    return 2;
  }
  const url = o.urls[0];
  if (!url) {
    ctx.err(`curl: no URL specified\n${CURL_TRY}`);
    return 2;
  }
  const fail = o.set.has('fail') || o.set.has('fail-with-body');
  const quietErrors = o.set.has('silent') && !o.set.has('show-error');
  const { host, file } = lookupUrl(url);
  if (ctx.world.network === 'none' || !knownHost(host)) {
    if (!quietErrors) ctx.err(`curl: (6) Could not resolve host: ${host || url}\n`);
    if (ctx.world.network !== 'none' && !quietErrors) ctx.err(`In this lab, the network holds only a few toy URLs (see the lab's notes); ${host || url} is not one of them.\n`);
    return 6;
  }
  const format = last(o.values, 'write-out');
  const info = { code: file ? 200 : 404, url, size: file ? contentSize(webContent(file)) : 0, type: file?.type ?? (file ? 'application/octet-stream' : 'text/html') };
  const finish = (code: number): number => {
    if (format !== undefined) ctx.out(writeOut(ctx, format, info));
    return code;
  };
  const dir = last(o.values, 'output-dir');
  let outFile = last(o.values, 'output') ?? (o.set.has('remote-name') || o.set.has('remote-name-all') ? basename(url) : undefined);
  if (outFile && dir && !outFile.startsWith('/') && outFile !== '-') outFile = `${dir}/${outFile}`;
  if (!file) {
    if (fail) {
      if (!quietErrors) ctx.err(`curl: (22) The requested URL returned error: 404\n`);
      return finish(22);
    }
    const body = '<html><body><h1>404 Not Found</h1></body></html>\n';
    if (!outFile || outFile === '-') ctx.out(body);
    else if (outFile !== '/dev/null') ctx.world.writeFile(ctx.abs(outFile), body);
    return finish(0);
  }
  const content = webContent(file);
  ctx.world.durationMs += 40 + contentSize(content) / 25_000;
  const headers = `HTTP/2 200 \r\ncontent-type: ${info.type}\r\ncontent-length: ${contentSize(content)}\r\n\r\n`;
  if (o.set.has('head')) {
    ctx.out(headers);
    return finish(0);
  }
  if (outFile && outFile !== '-') {
    if (outFile !== '/dev/null') {
      try {
        if (o.set.has('create-dirs')) {
          const parent = ctx.abs(outFile).replace(/\/[^/]*$/, '') || '/';
          if (!ctx.world.stat(parent)) ctx.world.mkdir(parent, { parents: true });
        }
        ctx.world.writeFile(ctx.abs(outFile), content);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        if (!quietErrors) ctx.err(`curl: (23) Failure writing output to destination\n`);
        return 23;
      }
    }
    if (!o.set.has('silent') && format === undefined) {
      const n = contentSize(content);
      ctx.err(`  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 ${fmtK(n).padStart(5)}  100 ${fmtK(n).padStart(5)}    0     0  ${fmtK(n * 4).padStart(5)}      0 --:--:-- --:--:-- --:--:-- ${fmtK(n * 4).padStart(5)}\n`);
    }
    return finish(0);
  }
  if (typeof file.body !== 'string' && outFile !== '-') {
    ctx.err('Warning: Binary output can mess up your terminal. Use "--output -" to tell curl to output it to your terminal anyway, or consider "--output <FILE>" to save to a file.\n');
    return 23;
  }
  if (o.set.has('include')) ctx.out(headers);
  if (typeof file.body === 'string') ctx.out(file.body);
  return finish(0);
};

// ---- wget ----

const WGET_HELP = "In this lab, wget's help text is not reproduced. The toy web answers GET requests; -q, -O, -P and --no-check-certificate work.\n";

export const wget: Program = (ctx, args) => {
  if (ctx.flavor === 'busybox' && args[0] === '--help') {
    ctx.err(`BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\n${WGET_HELP}`);
    return 0;
  }
  if (ctx.flavor !== 'busybox' && (args.includes('--version') || args.includes('-V'))) {
    const v = packageVersion(ctx, 'wget');
    ctx.out(v ? `GNU Wget ${upstreamVersion(v)} built on linux-gnu.\n` : 'In this lab, the version of wget is not recorded in this image.\n');
    return 0;
  }
  if (ctx.flavor !== 'busybox' && (args.includes('--help') || args.includes('-h'))) {
    ctx.out(WGET_HELP);
    return 0;
  }
  // Options that change nothing against the toy web are accepted: -c, -S, -T, -t, -nv, --progress, …
  const o = parseOpts(args, {
    flags: 'qcnSv', values: 'OPUTtY',
    long: { quiet: 'q', 'output-document': 'O=', 'no-check-certificate': 'n', 'directory-prefix': 'P=', continue: 'c', 'server-response': 'S', 'no-verbose': 'q', 'timeout': 'T=', tries: 't=', 'user-agent': 'U=', progress: 'v=', 'show-progress': 'v', 'retry-connrefused': 'v', 'waitretry': 'v=', 'no-cache': 'v', 'https-only': 'v', 'inet4-only': 'v' },
  });
  if (o.bad) {
    ctx.err(ctx.flavor === 'busybox' ? `wget: unrecognized option: ${o.bad.replace(/^-+/, '')}\nBusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n` : `wget: unrecognized option '${o.bad}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`);
    return ctx.flavor === 'busybox' ? 1 : 2;
  }
  const url = o.rest[0];
  if (!url) {
    ctx.err(ctx.flavor === 'busybox' ? 'BusyBox v1.37.0 (2024-12-13 18:16:23 UTC) multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] URL...\n' : "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    return 1;
  }
  const { host, file } = lookupUrl(url);
  const quiet = o.flags.has('q');
  if (ctx.world.network === 'none' || !knownHost(host)) {
    ctx.err(ctx.flavor === 'busybox' ? `wget: bad address '${host}'\n` : `--2024-01-01 00:00:00--  ${url}\nResolving ${host} (${host})... failed: Name or service not known.\nwget: unable to resolve host address '${host}'\n`);
    return ctx.flavor === 'busybox' ? 1 : 4;
  }
  if (!file) {
    ctx.err(ctx.flavor === 'busybox' ? `wget: server returned error: HTTP/1.1 404 Not Found\n` : `${url}:\n2024-01-01 00:00:00 ERROR 404: Not Found.\n`);
    return ctx.flavor === 'busybox' ? 1 : 8;
  }
  const content = webContent(file);
  const name = last(o.values, 'O') ?? (basename(url.replace(/\/$/, '')) === host ? 'index.html' : basename(url));
  const size = contentSize(content);
  ctx.world.durationMs += 40 + size / 25_000;
  if (name === '-') {
    ctx.out(typeof file.body === 'string' ? file.body : '');
    return 0;
  }
  if (name === '/dev/null') return 0;
  const path = ctx.abs(normalizePath(name, last(o.values, 'P') ?? '.').replace(/^\//, last(o.values, 'P')?.startsWith('/') || name.startsWith('/') ? '/' : ''));
  try {
    ctx.world.writeFile(path, content);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    ctx.err(`wget: can't open '${name}': ${ERRNO_TEXT[e.code]}\n`);
    return 1;
  }
  if (!quiet) {
    if (ctx.flavor === 'busybox') ctx.err(`Connecting to ${host} (${host}:${url.startsWith('https') ? 443 : 80})\nsaving to '${name}'\n${name.padEnd(20).slice(0, 20)} 100% |********************************| ${fmtK(size).padStart(5)}  0:00:00 ETA\n'${name}' saved\n`);
    else ctx.err(`--2024-01-01 00:00:00--  ${url}\nResolving ${host} (${host})... done\nHTTP request sent, awaiting response... 200 OK\nLength: ${size}\nSaving to: '${name}'\n\n'${name}' saved [${size}/${size}]\n\n`);
  }
  return 0;
};

