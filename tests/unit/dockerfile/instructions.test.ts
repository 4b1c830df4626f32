import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/engine/dockerfile/index.ts';
import type { Dockerfile, Instruction } from '../../../src/engine/dockerfile/index.ts';

function ok(text: string): Dockerfile {
  const r = parseDockerfile(text);
  if (!r.ok) throw new Error(`unexpected parse error: ${r.error.message}`);
  return r.dockerfile;
}

function errorOf(text: string): { message: string; line?: number } {
  const r = parseDockerfile(text);
  if (r.ok) throw new Error('expected a parse error');
  expect(r.error.range).toBeDefined();
  return r.error;
}

function only(text: string): Instruction {
  return ok('FROM base\n' + text).stages[0]!.instructions[0]!;
}

describe('stages and meta args', () => {
  it('splits stages, keeps meta ARGs apart and lower-cases stage names', () => {
    const df = ok('ARG V=1\nFROM --platform=$BUILDPLATFORM golang:${V} AS Build\nRUN go build\nFROM alpine\nCOPY --from=build /out /\n');
    expect(df.metaArgs.map((a) => a.args)).toEqual([[{ name: 'V', value: '1' }]]);
    expect(df.stages.map((s) => [s.index, s.name, s.baseName, s.platform])).toEqual([
      [0, 'build', 'golang:${V}', '$BUILDPLATFORM'],
      [1, undefined, 'alpine', undefined],
    ]);
    expect(df.stages[0]!.from.stageName).toBe('Build');
    expect(df.stages[0]!.range).toEqual({ start: { line: 2, column: 0 }, end: { line: 3, column: 12 } });
    expect(df.stages[1]!.instructions[0]!.kind).toBe('COPY');
  });

  it('reports BuildKit errors about stages', () => {
    expect(errorOf('RUN x\n').message).toBe('no build stage in current context');
    expect(errorOf('ARG a\nARG b\n').message).toBe('dockerfile contains no stages to build');
    expect(errorOf('FROM a AS 1x\n').message).toBe(
      'dockerfile parse error on line 1: invalid name for build stage: "1x", name can\'t start with a number or contain symbols',
    );
    expect(errorOf('FROM a b\n').message).toBe('dockerfile parse error on line 1: FROM requires either one or three arguments');
    expect(errorOf('FROM\n').message).toBe('dockerfile parse error on line 1: FROM requires either one or three arguments');
  });

  it('reports unknown instructions with a suggestion in the letter case used', () => {
    const e = errorOf('FROM a\n\nRUNN x\n');
    expect(e.message).toBe('dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)');
    expect(e.line).toBe(3);
    expect(errorOf('FROM a\ncopi x y\n').message).toBe('dockerfile parse error on line 2: unknown instruction: copi (did you mean copy?)');
    expect(errorOf('FROM a\nBADCMD x\n').message).toBe('dockerfile parse error on line 2: unknown instruction: BADCMD');
    // Names of JavaScript object properties are ordinary unknown words.
    expect(errorOf('FROM a\n__proto__ x\n').message).toBe('dockerfile parse error on line 2: unknown instruction: __proto__');
    expect(errorOf('FROM a\nconstructor\n').message).toBe('dockerfile parse error on line 2: unknown instruction: constructor');
  });
});

describe('argument counts', () => {
  // BuildKit's frontend/dockerfile/instructions/parse.go: errAtLeastOneArgument, errExactlyOneArgument and
  // errNoDestinationArgument, checked per instruction before anything else is read.
  it('refuses an instruction without the arguments it needs, with BuildKit\'s message', () => {
    const err = (line: string) => errorOf('FROM a\n' + line + '\n').message;
    for (const name of ['ARG', 'ENV', 'LABEL', 'EXPOSE', 'VOLUME', 'ONBUILD', 'HEALTHCHECK', 'RUN', 'SHELL']) {
      expect(err(name)).toBe(`dockerfile parse error on line 2: ${name} requires at least one argument`);
    }
    for (const name of ['MAINTAINER', 'WORKDIR', 'USER', 'STOPSIGNAL']) {
      expect(err(name)).toBe(`dockerfile parse error on line 2: ${name} requires exactly one argument`);
    }
    for (const name of ['COPY', 'ADD']) {
      expect(err(name + ' a')).toBe(
        `dockerfile parse error on line 2: ${name} requires at least two arguments, but only one was provided. Destination could not be determined`,
      );
    }
  });
});

describe('flags', () => {
  it('types COPY and ADD flags', () => {
    const c = only('COPY --from=build --chown=1:1 --chmod=755 --link --exclude=*.md --exclude=*.txt a b /dst/\n');
    expect(c.kind).toBe('COPY');
    if (c.kind !== 'COPY') return;
    expect(c.flags).toEqual({ from: 'build', chown: '1:1', chmod: '755', link: true, parents: false, exclude: ['*.md', '*.txt'] });
    expect(c.sources).toEqual(['a', 'b']);
    expect(c.dest).toBe('/dst/');
    const a = only('ADD --checksum=sha256:abc --keep-git-dir=false https://x/y.tgz /\n');
    if (a.kind !== 'ADD') throw new Error('kind');
    expect(a.flags.checksum).toBe('sha256:abc');
    expect(a.flags.keepGitDir).toBe(false);
    expect(a.flags.unpack).toBeUndefined();
  });

  it('reports flag errors with BuildKit wording and the flag range', () => {
    const unknown = parseDockerfile('FROM a\nCOPY --form=x a b\n');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.message).toBe('dockerfile parse error on line 2: unknown flag: --form (did you mean from?)');
      expect(unknown.error.range).toEqual({ start: { line: 2, column: 5 }, end: { line: 2, column: 13 } });
    }
    expect(errorOf('FROM a\nCOPY --from b c d\n').message).toBe('dockerfile parse error on line 2: missing a value on flag: --from');
    expect(errorOf('FROM a\nCOPY --from=a --from=b c d\n').message).toBe(
      'dockerfile parse error on line 2: duplicate flag specified: --from',
    );
    expect(errorOf('FROM a\nCOPY --link=x c d\n').message).toBe(
      'dockerfile parse error on line 2: expecting boolean value for flag --link, not: x',
    );
    expect(errorOf('FROM a\nCOPY --link= c d\n').message).toBe('dockerfile parse error on line 2: missing a value on flag: --link');
    expect(errorOf('FROM a\nRUN --boo=1 x\n').message).toBe('dockerfile parse error on line 2: unknown flag: --boo');
    expect(errorOf('FROM a\nENV --x=1 A=b\n').message).toBe('dockerfile parse error on line 2: unknown flag: --x');
  });

  it('types RUN flags and checks network and security values', () => {
    const r = only('RUN --mount=type=cache,target=/root/.npm --network=none npm ci\n');
    if (r.kind !== 'RUN') throw new Error('kind');
    expect(r.flags.network).toBe('none');
    expect(r.flags.security).toBe('sandbox');
    expect(r.flags.mount).toEqual([{ type: 'cache', raw: 'type=cache,target=/root/.npm', target: '/root/.npm', readOnly: false }]);
    expect(r.cmd).toEqual({ form: 'shell', command: 'npm ci' });
    expect(errorOf('FROM a\nRUN --network=nonee x\n').message).toBe('dockerfile parse error on line 2: invalid network mode "nonee"');
    expect(errorOf('FROM a\nRUN --security=x y\n').message).toBe('dockerfile parse error on line 2: security "x" is not valid');
    expect(errorOf('FROM a\nRUN --mount=from=$X,target=/x y\n').message).toBe(
      "dockerfile parse error on line 2: 'from' doesn't support variable expansion, define alias stage instead",
    );
  });

  it('ignores flags on ARG and STOPSIGNAL, as BuildKit does', () => {
    expect(only('ARG --x=1 a\n').kind).toBe('ARG');
    const s = only('STOPSIGNAL --x SIGKILL\n');
    if (s.kind !== 'STOPSIGNAL') throw new Error('kind');
    expect(s.signal).toBe('SIGKILL');
  });
});

describe('argument forms', () => {
  it('types exec and shell forms of RUN, CMD and ENTRYPOINT', () => {
    const c = only('CMD ["node", "app.js"]\n');
    if (c.kind !== 'CMD') throw new Error('kind');
    expect(c.cmd).toEqual({ form: 'exec', args: ['node', 'app.js'] });
    const e = only("ENTRYPOINT ['x']\n");
    if (e.kind !== 'ENTRYPOINT') throw new Error('kind');
    expect(e.cmd).toEqual({ form: 'shell', command: "['x']" });
    expect(errorOf('FROM a\nCMD ["a", {}]\n').message).toBe(
      'when using JSON array syntax, arrays must be comprised of strings only',
    );
  });

  it('types ENV, LABEL and ARG', () => {
    const env = only('ENV A=1 B="two words"\n');
    if (env.kind !== 'ENV') throw new Error('kind');
    expect(env.pairs).toEqual([
      { key: 'A', value: '1', legacy: false },
      { key: 'B', value: '"two words"', legacy: false },
    ]);
    const legacy = only('LABEL maintainer me and you\n');
    if (legacy.kind !== 'LABEL') throw new Error('kind');
    expect(legacy.pairs).toEqual([{ key: 'maintainer', value: 'me and you', legacy: true }]);
    const arg = only('ARG A B=2 C=\n');
    if (arg.kind !== 'ARG') throw new Error('kind');
    expect(arg.args).toEqual([{ name: 'A' }, { name: 'B', value: '2' }, { name: 'C', value: '' }]);
    expect(errorOf('FROM a\nARG =x\n').message).toBe('dockerfile parse error on line 2: ARG names can not be blank');
    expect(errorOf('FROM a\nENV =x\n').message).toBe('dockerfile parse error on line 2: ENV names can not be blank');
    expect(errorOf('FROM a\nENV\n').message).toBe('dockerfile parse error on line 2: ENV requires at least one argument');
  });

  it('checks argument counts', () => {
    expect(errorOf('FROM a\nCOPY x\n').message).toBe(
      'dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined',
    );
    // WORKDIR takes the raw rest of the line, so "a b" is one argument; none at all is an error.
    expect(errorOf('FROM a\nWORKDIR\n').message).toBe('dockerfile parse error on line 2: WORKDIR requires exactly one argument');
    expect(errorOf('FROM a\nEXPOSE\n').message).toBe('dockerfile parse error on line 2: EXPOSE requires at least one argument');
    expect(errorOf('FROM a\nSHELL sh -c\n').message).toBe('dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form');
    expect(errorOf('FROM a\nSHELL []\n').message).toBe('dockerfile parse error on line 2: SHELL requires at least one argument');
  });

  it('types USER and WORKDIR as the raw string, EXPOSE sorted, VOLUME as a list', () => {
    const u = only('USER node:node\n');
    if (u.kind !== 'USER') throw new Error('kind');
    expect(u.user).toBe('node:node');
    const x = only('EXPOSE 8080 443/tcp 80\n');
    if (x.kind !== 'EXPOSE') throw new Error('kind');
    expect(x.ports).toEqual(['443/tcp', '80', '8080']);
    const v = only('VOLUME ["/data", "/logs"]\n');
    if (v.kind !== 'VOLUME') throw new Error('kind');
    expect(v.volumes).toEqual(['/data', '/logs']);
  });

  it('types HEALTHCHECK with durations in nanoseconds', () => {
    const h = only('HEALTHCHECK --interval=30s --timeout=1m30s --retries=3 CMD curl -f http://localhost/\n');
    if (h.kind !== 'HEALTHCHECK') throw new Error('kind');
    expect(h.test).toEqual(['CMD-SHELL', 'curl -f http://localhost/']);
    expect(h.flags).toEqual({ interval: 30e9, timeout: 90e9, retries: 3 });
    const j = only('HEALTHCHECK CMD ["curl", "-f", "x"]\n');
    if (j.kind !== 'HEALTHCHECK') throw new Error('kind');
    expect(j.test).toEqual(['CMD', 'curl', '-f', 'x']);
    expect(errorOf('FROM a\nHEALTHCHECK NONE x\n').message).toBe('dockerfile parse error on line 2: HEALTHCHECK NONE takes no arguments');
    expect(errorOf('FROM a\nHEALTHCHECK CMD\n').message).toBe('dockerfile parse error on line 2: Missing command after HEALTHCHECK CMD');
    expect(errorOf('FROM a\nHEALTHCHECK RUN x\n').message).toBe('dockerfile parse error on line 2: Unknown type "RUN" in HEALTHCHECK (try CMD)');
    expect(errorOf('FROM a\nHEALTHCHECK --interval=1us CMD x\n').message).toBe(
      'dockerfile parse error on line 2: Interval "interval" cannot be less than 1ms',
    );
    expect(errorOf('FROM a\nHEALTHCHECK --timeout=5 CMD x\n').message).toBe(
      'dockerfile parse error on line 2: time: missing unit in duration "5"',
    );
    expect(errorOf('FROM a\nHEALTHCHECK --retries=-1 CMD x\n').message).toBe(
      'dockerfile parse error on line 2: --retries cannot be negative (-1)',
    );
  });

  it('types ONBUILD with its expression and trigger, and rejects forbidden triggers', () => {
    const o = only('ONBUILD COPY . /app\n');
    if (o.kind !== 'ONBUILD') throw new Error('kind');
    expect(o.expression).toBe('COPY . /app');
    expect(o.trigger?.kind).toBe('COPY');
    const bad = only('ONBUILD RUNN x\n');
    if (bad.kind !== 'ONBUILD') throw new Error('kind');
    expect(bad.trigger).toBeUndefined();
    expect(bad.triggerError).toBe('unknown instruction: RUNN (did you mean RUN?)');
    expect(errorOf('FROM a\nONBUILD ONBUILD RUN x\n').message).toBe(
      'dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed',
    );
    expect(errorOf('FROM a\nONBUILD FROM b\n').message).toBe('dockerfile parse error on line 2: FROM isn\'t allowed as an ONBUILD trigger');
    expect(errorOf('FROM a\nONBUILD maintainer b\n').message).toBe(
      'dockerfile parse error on line 2: MAINTAINER isn\'t allowed as an ONBUILD trigger',
    );
  });

  it('separates heredoc sources of COPY, strips tabs for <<-, and refuses a heredoc destination', () => {
    const c = only('COPY <<-EOF a.txt /dst/\n\thello\n\tEOF\n');
    if (c.kind !== 'COPY') throw new Error('kind');
    expect(c.sources).toEqual(['a.txt']);
    expect(c.heredocs.map((h) => [h.name, h.content])).toEqual([['EOF', 'hello\n']]);
    expect(errorOf('FROM a\nCOPY a <<EOF\nx\nEOF\n').message).toBe(
      'dockerfile parse error on line 2: COPY cannot accept a heredoc as a destination',
    );
    const r = only("RUN <<'EOF'\necho $HOME\nEOF\n");
    if (r.kind !== 'RUN') throw new Error('kind');
    expect(r.heredocs[0]!.expand).toBe(false);
    expect(r.heredocs[0]!.content).toBe('echo $HOME\n');
    expect(r.range.end.line).toBe(4);
  });

  it('treats a source that only looks like a heredoc but does not lex as a plain path (MustParseHeredoc)', () => {
    const a = only('ADD <<EOF"x y /dst/\n');
    if (a.kind !== 'ADD') throw new Error('kind');
    expect(a.sources).toEqual(['<<EOF"x', 'y']);
    expect(a.heredocs).toEqual([]);
  });

  it('keeps Original as the joined logical line', () => {
    const r = ok('FROM a\nRUN echo a \\\n  b\n').stages[0]!.instructions[0]!;
    expect(r.original).toBe('RUN echo a   b');
  });
});
