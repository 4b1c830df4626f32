// Inputs for fuzzing the container shell and whole builds: scripts made of shell tokens (keywords,
// operators, expansions, programs and their flags), valid scripts with characters inserted, removed
// or repeated, and Dockerfiles whose RUN lines are such scripts. Shared by the bounded run in
// `npm test` (tests/unit/fuzz) and the long run in `npm run fuzz` (tests/fuzz/run.ts).
import fc from 'fast-check';

const TOKENS = [
  // words and programs
  'echo', 'printf', '%s\\n', 'cat', 'ls', 'true', 'false', ':', 'test', '[', ']', 'read', 'yes', 'seq', '5', 'sleep', 'wc', '-l',
  'grep', 'sed', 's/a/b/', 'head', 'tail', 'tr', 'a-z', 'sort', 'cut', '-d:', '-f1', 'find', '.', '-name', 'mkdir', '-p', 'rm', '-rf',
  'touch', 'cp', 'mv', 'ln', '-s', 'chmod', '755', 'env', 'sh', '-c', 'bash', 'apk', 'add', '--no-cache', 'apt-get', 'install',
  '-y', 'curl', '-fsSL', 'wget', '-qO-', 'node', 'npm', 'ci', 'pip', 'python3', 'git', 'clone', 'tar', 'xzf', 'go', 'build',
  '--version', '--help', '-V', '-R', '-la', 'a.txt', '*.txt', '/tmp', '/etc/passwd', 'x', 'y', 'i', 'f', 'eval', 'export', 'local',
  'shift', 'set', '-e', '-u', '-x', '-o', 'pipefail', 'exit', 'return', 'break', 'continue', 'unset', 'cd', 'pwd', 'whoami', 'id',
  // keywords
  'for', 'in', 'do', 'done', 'if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'case', 'esac', 'function', 'select', '{', '}', '!',
  // operators and redirections
  '(', ')', '((', '))', ';', ';;', '&', '&&', '||', '|', '<', '>', '>>', '<<', '<<EOF', 'EOF', '<<<', '2>&1', '>&2', '<&-', '&>',
  '>/dev/null', '<>', '>|', '<(', '\n', '\\',
  // expansions and quotes
  '$', '$x', '$1', '$#', '$?', '$@', '"$@"', '$*', '$$', '$0', '${x}', '${x:-d}', '${x:=d}', '${x#*/}', '${x%%.*}', '${#x}',
  '${x/a/b}', '${x:1:2}', '${x^^}', '${', '$(', '$((', '`', '"', "'", '$(( 1 + 1 ))', '$((1/0))', '$(( $1 + 1 ))', '$((x<<2))',
  '$(echo hi)', '`echo hi`', '"$x"', "'$x'", 'x=1', 'x=$x$x', 'x=', 'y=a',
  // globs and arithmetic bits
  '*', '?', '[a-z]', '[z-a]', '[!a]', '[[:alpha:]]', '[', '**', '+', '-', '%', '/0', '1', '0', '-1', '99999999999999999999',
  // names that exist on every JavaScript object
  'valueOf', 'toString', '__proto__', 'constructor', 'hasOwnProperty', '[[:constructor:]]', '%{constructor}',
  // functions
  'f()', 'f() { f; }', 'g() { echo $1; }', 'f;', 'g',
];

const SEPARATORS = [' ', ' ', ' ', ' ', '', ';', '\n', ' && ', ' | '];

/** A script of shell tokens joined by blanks, nothing, separators and operators. */
export const tokenScript: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 30 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

const VALID = [
  'for i in 1 2 3; do echo $i; done',
  'for f in *.txt; do echo "$f"; done',
  'if [ -f /etc/passwd ]; then echo yes; else echo no; fi',
  'x=0; while [ $x -lt 3 ]; do x=$((x + 1)); done; echo $x',
  'f() { echo "hi $1"; }; f you',
  'echo "a b" | tr a-z A-Z | wc -c',
  'mkdir -p /app/src && cd /app && touch a.txt && ls -la',
  'set -eux; apk add --no-cache curl; curl --version',
  'apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*',
  'case $x in a) echo a;; esac',
  'echo ${HOME:-/root} ${#PATH} $(( 6 * 7 ))',
  'v=$(cat /etc/os-release | grep ^ID=); echo "${v#ID=}"',
  'test -n "$x" || echo empty',
  'printf "%s=%d\\n" a 1 b 2 > /tmp/out && cat /tmp/out',
  'ls -R /etc | head -5',
  'sed -e "s/root/admin/" /etc/passwd | grep admin',
  'find / -name "*.conf" -type f | sort | head -3',
  'echo $(( 1 << 4 )) $(( 7 % 3 )) $(( -5 / 2 ))',
  'sh -c "echo nested \\$0" name',
  'node --version; npm --version; python3 --version',
];

const NOISE = '()[]{}<>|&;$`"\'\\*?!#=\n -0123456789ab';

/** A valid script with characters inserted, removed or a slice repeated. */
export const mutatedScript: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(
      fc.tuple(fc.constantFrom('insert', 'delete', 'repeat'), fc.nat(), fc.nat({ max: 12 }), fc.constantFrom(...NOISE.split(''))),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([base, edits]) => {
    let s = base;
    for (const [kind, at, len, ch] of edits) {
      const i = at % (s.length + 1);
      if (kind === 'insert') s = s.slice(0, i) + ch + s.slice(i);
      else if (kind === 'delete') s = s.slice(0, i) + s.slice(i + len);
      else s = s.slice(0, i) + s.slice(i, i + len).repeat(3) + s.slice(i);
    }
    return s;
  });

/** Deep nesting and long repetitions, which find recursion and growth limits. */
export const deepScript: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('(', '$(', '{ ', '`', '"$(', '${x:-', 'if true; then ', 'f() { ', '$(( ('), fc.integer({ min: 1, max: 400 }))
  .map(([open, n]) => {
    const close: Record<string, string> = { '(': ')', '$(': ')', '{ ': '; }', '`': '`', '"$(': ')"', '${x:-': '}', 'if true; then ': '; fi', 'f() { ': '; }; f', '$(( (': '1) ))' };
    return `echo ${open.repeat(n)}echo x${close[open]!.repeat(n)}`;
  });

export const script: fc.Arbitrary<string> = fc.oneof({ weight: 5, arbitrary: tokenScript }, { weight: 4, arbitrary: mutatedScript }, { weight: 1, arbitrary: deepScript });

export const BASES = ['alpine:3.21', 'debian:bookworm-slim', 'ubuntu:24.04', 'busybox:1.36'];

const OTHER_LINES = [
  'WORKDIR /app', 'ENV A=1 B="two words"', 'ARG V=1', 'COPY . .', 'COPY a.txt /a.txt', 'USER nobody', 'USER root', 'SHELL ["/bin/sh", "-c"]',
  'CMD ["sh"]', 'ENTRYPOINT ["echo"]', 'EXPOSE 8080', 'LABEL a=b', 'HEALTHCHECK CMD true', 'STOPSIGNAL SIGTERM', 'VOLUME /data',
  'RUN ["sh", "-c", "echo exec"]', 'RUN ["nope"]', 'RUN <<EOF\necho heredoc\nEOF', 'RUN --mount=type=cache,target=/c ls /c', 'FROM', 'RUN',
  'ONBUILD RUN true', 'ADD a.txt /b.txt', 'RUN \\\n  echo continued',
];

/** A Dockerfile: a base, then RUN lines holding fuzzed scripts mixed with other instructions. */
export const dockerfile: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...BASES),
    fc.array(fc.oneof({ weight: 3, arbitrary: script.map((s) => `RUN ${s.replace(/\n/g, ' \\\n')}`) }, { weight: 2, arbitrary: fc.constantFrom(...OTHER_LINES) }), { minLength: 1, maxLength: 5 }),
  )
  .map(([base, lines]) => `FROM ${base}\n${lines.join('\n')}\n`);
