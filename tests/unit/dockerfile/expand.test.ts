import { describe, expect, it } from 'vitest';
import {
  ExpansionError,
  buildMetaArgs,
  defaultArgs,
  expandInstruction,
  expandWord,
  expandWords,
  parseDockerfile,
  vertexName,
} from '../../../src/engine/dockerfile/index.ts';
import type { Instruction } from '../../../src/engine/dockerfile/index.ts';

const env = { NAME: 'app', EMPTY: '', PATHV: '/usr/local/bin:/usr/bin', FILE: 'archive.tar.gz' };

function inst(line: string, escape = ''): Instruction {
  const r = parseDockerfile(escape + 'FROM base\n' + line);
  if (!r.ok) throw new Error(r.error.message);
  return r.dockerfile.stages[0]!.instructions[0]!;
}

function errorMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ExpansionError);
    return (e as ExpansionError).message;
  }
  throw new Error('expected an ExpansionError');
}

describe('expandWord: forms and modifiers', () => {
  it('expands $VAR and ${VAR}; leaves $ before a non-name literal', () => {
    expect(expandWord('$NAME-${NAME}', env)).toBe('app-app');
    expect(expandWord('cost: $5.', {})).toBe('cost: .');
    expect(expandWord('a$.b', {})).toBe('a$.b');
    expect(expandWord('$UNSET/x', env)).toBe('/x');
  });

  it('handles default and alternative values, with and without the colon', () => {
    expect(expandWord('${EMPTY:-d}|${EMPTY-d}|${UNSET-d}', env)).toBe('d||d');
    expect(expandWord('${EMPTY:+a}|${EMPTY+a}|${NAME:+a}|${UNSET+a}', env)).toBe('|a|a|');
    expect(expandWord('${UNSET:-${NAME:-x}}', env)).toBe('app');
  });

  it('reports unset and empty variables with ? and :?', () => {
    expect(errorMessage(() => expandWord('${UNSET?}', env))).toBe('failed to process "${UNSET?}": UNSET: is not allowed to be unset');
    expect(errorMessage(() => expandWord('${EMPTY:?}', env))).toBe('failed to process "${EMPTY:?}": EMPTY: is not allowed to be empty');
    expect(errorMessage(() => expandWord('${UNSET?set it}', env))).toBe('failed to process "${UNSET?set it}": UNSET: set it');
    expect(expandWord('${EMPTY?}', env)).toBe('');
  });

  it('trims prefixes and suffixes, shortest and longest', () => {
    expect(expandWord('${FILE#*.}', env)).toBe('tar.gz');
    expect(expandWord('${FILE##*.}', env)).toBe('gz');
    expect(expandWord('${FILE%.*}', env)).toBe('archive.tar');
    expect(expandWord('${FILE%%.*}', env)).toBe('archive');
    expect(expandWord('${PATHV#/usr/}', env)).toBe('local/bin:/usr/bin');
  });

  it('replaces the first or every match', () => {
    expect(expandWord('${PATHV/usr/opt}', env)).toBe('/opt/local/bin:/usr/bin');
    expect(expandWord('${PATHV//usr/opt}', env)).toBe('/opt/local/bin:/opt/bin');
    expect(expandWord('${PATHV//\\//_}', env)).toBe('_usr_local_bin:_usr_bin');
  });

  it('fails with BuildKit\'s syntax errors', () => {
    expect(errorMessage(() => expandWord('${}', env))).toBe('failed to process "${}": syntax error: bad substitution');
    expect(errorMessage(() => expandWord('${:x}', env))).toBe('failed to process "${:x}": syntax error: bad substitution');
    expect(errorMessage(() => expandWord('${', env))).toBe('failed to process "${": syntax error: missing \'}\'');
    expect(errorMessage(() => expandWord('${NAME:-x', env))).toBe('failed to process "${NAME:-x": syntax error: missing \'}\'');
    expect(errorMessage(() => expandWord('${NAME/x}', env))).toBe('failed to process "${NAME/x}": syntax error: missing \'/\' in ${}');
    expect(errorMessage(() => expandWord('${NAME/x/y', env))).toBe('failed to process "${NAME/x/y": syntax error: missing \'}\'');
    expect(errorMessage(() => expandWord('${NAME:1:2}', env))).toBe('failed to process "${NAME:1:2}": unsupported modifier (:1) in substitution');
    expect(errorMessage(() => expandWord('${NAME:#x}', env))).toBe('failed to process "${NAME:#x}": unsupported modifier (:#) in substitution');
  });
});

describe('expandWord: quotes and escapes', () => {
  it('keeps single quotes literal and expands inside double quotes', () => {
    expect(expandWord("'$NAME'", env)).toBe('$NAME');
    expect(expandWord('"$NAME"', env)).toBe('app');
    expect(expandWord("he'll'o", env)).toBe('hello');
  });

  it('escapes outside quotes drop the escape; inside double quotes only " $ and \\ are escapable', () => {
    expect(expandWord('\\$NAME', env)).toBe('$NAME');
    expect(expandWord('abc\\tdef', env)).toBe('abctdef');
    expect(expandWord('"a\\tb\\$c\\"d"', env)).toBe('a\\tb$c"d');
  });

  it('skips a byte order mark at the start of a word, as Go\'s text/scanner does', () => {
    expect(expandWord('\uFEFF$NAME', env)).toBe('app');
    expect(expandWord('a\uFEFFb', env)).toBe('a\uFEFFb');
  });

  it('uses the backtick escape when the Dockerfile says so', () => {
    expect(expandWord('`$NAME', env, '`')).toBe('$NAME');
    expect(expandWord('C:\\dir', env, '`')).toBe('C:\\dir');
  });

  it('fails on unmatched quotes', () => {
    expect(errorMessage(() => expandWord("it's", env))).toBe(
      'failed to process "it\'s": unexpected end of statement while looking for matching single-quote',
    );
    expect(errorMessage(() => expandWord('"abc', env))).toBe(
      'failed to process "\\"abc": unexpected end of statement while looking for matching double-quote',
    );
  });
});

describe('expandWords', () => {
  it('splits on unquoted whitespace after expansion, keeping quoted spaces', () => {
    expect(expandWords('a ${SP} "b  c"', { SP: 'x  y' })).toEqual(['a', 'x', 'y', 'b  c']);
    expect(expandWords('""', {})).toEqual([]);
  });
});

describe('expandInstruction: what the builder expands', () => {
  it('ENV and LABEL expand keys and values against the values before the line', () => {
    const e = expandInstruction(inst('ENV A=bye B=$A ${NAME}_DIR=/x\n'), { A: 'hi', NAME: 'app' });
    if (e.kind !== 'ENV') throw new Error('kind');
    expect(e.pairs.map((p) => [p.key, p.value])).toEqual([
      ['A', 'bye'],
      ['B', 'hi'],
      ['app_DIR', '/x'],
    ]);
  });

  it('leaves RUN, CMD and ENTRYPOINT text alone', () => {
    for (const line of ['RUN echo $NAME\n', 'CMD echo $NAME\n', 'ENTRYPOINT ["echo", "$NAME"]\n']) {
      const i = inst(line);
      expect(expandInstruction(i, env)).toEqual(i);
    }
  });

  it('expands COPY paths and flags, and unquoted heredoc bodies only', () => {
    const c = expandInstruction(inst('COPY --chown=$NAME:$NAME src/${NAME} /srv/$NAME/\n'), env);
    if (c.kind !== 'COPY') throw new Error('kind');
    expect(c.flags.chown).toBe('app:app');
    expect(c.sources).toEqual(['src/app']);
    expect(c.dest).toBe('/srv/app/');
    const h = expandInstruction(inst('COPY <<EOF <<"RAW" /d/\n"$NAME"\nEOF\n$NAME\nRAW\n'), env);
    if (h.kind !== 'COPY') throw new Error('kind');
    expect(h.heredocs.map((x) => x.content)).toEqual(['"app"\n', '$NAME\n']);
  });

  it('refuses variables in COPY --from', () => {
    expect(errorMessage(() => expandInstruction(inst('COPY --from=$NAME a b\n'), env))).toBe(
      'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
    );
  });

  it('expands WORKDIR, USER, VOLUME, STOPSIGNAL and splits EXPOSE', () => {
    const w = expandInstruction(inst('WORKDIR /srv/${NAME}\n'), env);
    if (w.kind !== 'WORKDIR') throw new Error('kind');
    expect(w.path).toBe('/srv/app');
    const x = expandInstruction(inst('EXPOSE $PORTS\n'), { PORTS: '80 443/tcp' });
    if (x.kind !== 'EXPOSE') throw new Error('kind');
    expect(x.ports).toEqual(['80', '443/tcp']);
  });

  it('expands ARG defaults in order and validates RUN --mount after expansion', () => {
    const a = expandInstruction(inst('ARG A=1 B=${A}2\n'), {});
    if (a.kind !== 'ARG') throw new Error('kind');
    expect(a.args).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '12' },
    ]);
    const r = expandInstruction(inst('RUN --mount=type=$T,target=/c x\n'), { T: 'cache' });
    if (r.kind !== 'RUN') throw new Error('kind');
    expect(r.flags.mount[0]).toMatchObject({ type: 'cache', target: '/c', readOnly: false });
    expect(errorMessage(() => expandInstruction(inst('RUN --mount=type=cahce,target=/c x\n'), {}))).toBe(
      'unsupported mount type "cahce" (did you mean cache?)',
    );
    expect(errorMessage(() => expandInstruction(inst('RUN --mount=type=bind,mode=0700,target=/c x\n'), {}))).toBe(
      'mode not allowed for "bind" type mounts',
    );
  });

  it('expands FROM with the global args and refuses a blank base name', () => {
    const df = parseDockerfile('ARG TAG=3.20\nFROM alpine:${TAG}\n');
    if (!df.ok) throw new Error(df.error.message);
    const globals = buildMetaArgs(df.dockerfile.metaArgs, {});
    const f = expandInstruction(df.dockerfile.stages[0]!.from, globals);
    expect(f.image).toBe('alpine:3.20');
    const blank = parseDockerfile('ARG IMG\nFROM ${IMG}\n');
    if (!blank.ok) throw new Error(blank.error.message);
    expect(errorMessage(() => expandInstruction(blank.ok ? blank.dockerfile.stages[0]!.from : (null as never), {}))).toBe(
      'base name (${IMG}) should not be blank',
    );
  });
});

describe('ARG scope', () => {
  it('meta args: build args override defaults, defaults see earlier globals', () => {
    const df = parseDockerfile('ARG A=1\nARG B=${A}x\nARG C\nFROM s\n');
    if (!df.ok) throw new Error(df.error.message);
    expect([...buildMetaArgs(df.dockerfile.metaArgs, {})]).toEqual([
      ['A', '1'],
      ['B', '1x'],
    ]);
    expect(Object.fromEntries(buildMetaArgs(df.dockerfile.metaArgs, { A: '9', C: 'c' }))).toEqual({ A: '9', B: '9x', C: 'c' });
  });

  it('a stage sees a global arg only through its own ARG line; build args win over defaults', async () => {
    const { argValue } = await import('../../../src/engine/dockerfile/index.ts');
    const globals = new Map([['VERSION', '1.2']]);
    expect(argValue({ name: 'VERSION' }, { globals })).toBe('1.2');
    expect(argValue({ name: 'VERSION', value: '${BASE}-x' }, { globals, env: { BASE: 'b' } })).toBe('b-x');
    expect(argValue({ name: 'VERSION', value: 'd' }, { globals, buildArgs: { VERSION: 'cli' } })).toBe('cli');
    expect(argValue({ name: 'OTHER' }, { globals })).toBeUndefined();
  });

  it('predefined platform args', () => {
    const d = defaultArgs({ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }, undefined);
    expect(d.get('BUILDPLATFORM')).toBe('linux/amd64');
    expect(d.get('TARGETPLATFORM')).toBe('linux/arm64/v8');
    expect(d.get('TARGETARCH')).toBe('arm64');
    expect(d.get('TARGETVARIANT')).toBe('v8');
    expect(d.get('TARGETSTAGE')).toBe('default');
  });
});

describe('vertexName', () => {
  it('RUN keeps unset variables and quotes as written, masks secret env mounts', () => {
    expect(vertexName(inst('RUN echo "$NAME" $UNSET ${OTHER}\n'), env)).toBe('RUN echo "app" $UNSET ${OTHER}');
    expect(vertexName(inst('RUN --mount=type=secret,id=t,env=TOKEN echo $TOKEN\n'), { TOKEN: 's3cr3t' })).toBe(
      'RUN --mount=type=secret,id=t,env=TOKEN echo ****',
    );
  });

  it('RUN with a single heredoc gets a summary of its first line', () => {
    expect(vertexName(inst('RUN <<EOF\n  apk add curl\n  echo done\nEOF\n'), {})).toBe('RUN <<EOF (apk add curl...)');
    expect(vertexName(inst('RUN <<EOF\necho one\nEOF\n'), {})).toBe('RUN <<EOF (echo one)');
  });

  it('COPY and WORKDIR use ordinary expansion, and the keyword is upper-cased', () => {
    expect(vertexName(inst('copy $NAME $UNSET/\n'), env)).toBe('COPY app /');
    expect(vertexName(inst('WORKDIR /srv/$NAME\n'), env)).toBe('WORKDIR /srv/app');
  });
});
