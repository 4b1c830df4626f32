import { describe, expect, it } from 'vitest';
import { lintDockerfile, parseDockerfile } from '../../../src/engine/dockerfile/index.ts';
import type { Diagnostic, LintContext } from '../../../src/engine/dockerfile/index.ts';

function lint(text: string, ctx?: LintContext): Diagnostic[] {
  const r = parseDockerfile(text);
  if (!r.ok) throw new Error(r.error.message);
  return lintDockerfile(r.dockerfile, ctx);
}

function rule(text: string, name: string, ctx?: LintContext): Array<[number, string]> {
  return lint(text, ctx)
    .filter((d) => d.rule === name)
    .map((d) => [d.range.start.line, d.message]);
}

describe('BuildKit build checks', () => {
  it('StageNameCasing and FromAsCasing', () => {
    expect(rule('FROM a AS Build\n', 'StageNameCasing')).toEqual([[1, "Stage name 'Build' should be lowercase"]]);
    expect(rule('FROM a as b\n', 'FromAsCasing')).toEqual([[1, "'as' and 'FROM' keywords' casing do not match"]]);
    expect(rule('from a AS b\n', 'FromAsCasing')).toEqual([[1, "'AS' and 'from' keywords' casing do not match"]]);
    expect(rule('From a as b\nFROM c AS d\n', 'FromAsCasing')).toEqual([]);
  });

  it('NoEmptyContinuation', () => {
    const d = lint('FROM a\nRUN a \\\n\n  b\n').filter((x) => x.rule === 'NoEmptyContinuation');
    expect(d.map((x) => [x.range.start.line, x.message, x.url])).toEqual([
      [4, 'Empty continuation line', 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/'],
    ]);
  });

  it('ConsistentInstructionCasing follows the majority', () => {
    expect(rule('FROM a\nRUN b\nrun c\n', 'ConsistentInstructionCasing')).toEqual([
      [3, "Command 'run' should match the case of the command majority (uppercase)"],
    ]);
    expect(rule('from a\nrun b\nRun c\n', 'ConsistentInstructionCasing')).toEqual([
      [3, "Command 'Run' should match the case of the command majority (lowercase)"],
    ]);
  });

  it('DuplicateStageName and ReservedStageName', () => {
    expect(rule('FROM a AS x\nFROM b AS x\n', 'DuplicateStageName')).toEqual([
      [2, 'Duplicate stage name "x", stage names should be unique'],
    ]);
    expect(rule('FROM a AS scratch\n', 'ReservedStageName')).toEqual([
      [1, 'Stage name should not use the same name as reserved stage "scratch"'],
    ]);
  });

  it('JSONArgsRecommended for shell-form CMD and ENTRYPOINT unless SHELL was set', () => {
    expect(rule('FROM a\nCMD node app.js\nENTRYPOINT ["x"]\n', 'JSONArgsRecommended')).toEqual([
      [2, 'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals'],
    ]);
    expect(rule('FROM a\nSHELL ["/bin/bash", "-c"]\nCMD node app.js\n', 'JSONArgsRecommended')).toEqual([]);
  });

  it('MaintainerDeprecated and LegacyKeyValueFormat', () => {
    expect(rule('FROM a\nMAINTAINER me\n', 'MaintainerDeprecated')).toEqual([
      [2, 'Maintainer instruction is deprecated in favor of using label'],
    ]);
    expect(rule('FROM a\nENV A b\nlabel k v\n', 'LegacyKeyValueFormat')).toEqual([
      [2, '"ENV key=value" should be used instead of legacy "ENV key value" format'],
      [3, '"label key=value" should be used instead of legacy "label key value" format'],
    ]);
  });

  it('UndefinedArgInFrom and InvalidDefaultArgInFrom', () => {
    expect(rule('ARG VERSION=1\nFROM alpine:${VERSIN}\n', 'UndefinedArgInFrom')).toEqual([
      [2, "FROM argument 'VERSIN' is not declared (did you mean VERSION?)"],
    ]);
    expect(rule('ARG TAG\nFROM alpine:${TAG}\n', 'UndefinedArgInFrom')).toEqual([]);
    // FROM --platform is checked the same way as the image name.
    expect(rule('FROM --platform=$NOPE alpine\n', 'UndefinedArgInFrom')).toEqual([[1, "FROM argument 'NOPE' is not declared"]]);
    expect(rule('ARG TAG\nFROM alpine:${TAG}\n', 'InvalidDefaultArgInFrom')).toEqual([
      [2, 'Default value for ARG alpine:${TAG} results in empty or invalid base image name'],
    ]);
    expect(rule('ARG TAG=3\nFROM alpine:${TAG}\n', 'InvalidDefaultArgInFrom')).toEqual([]);
  });

  it('RedundantTargetPlatform and FromPlatformFlagConstDisallowed', () => {
    expect(rule('FROM --platform=$TARGETPLATFORM a\n', 'RedundantTargetPlatform')).toEqual([
      [1, 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior'],
    ]);
    expect(rule('FROM --platform=linux/amd64 a\n', 'FromPlatformFlagConstDisallowed')).toEqual([
      [1, 'FROM --platform flag should not use constant value "linux/amd64"'],
    ]);
    expect(rule('FROM --platform=linux/amd64 a AS build-amd64\n', 'FromPlatformFlagConstDisallowed')).toEqual([]);
  });

  it('WorkdirRelativePath only for the first WORKDIR of a stage', () => {
    expect(rule('FROM a\nWORKDIR app\nWORKDIR sub\n', 'WorkdirRelativePath')).toEqual([
      [2, 'Relative workdir "app" can have unexpected results if the base image changes'],
    ]);
    expect(rule('FROM a\nWORKDIR /app\nWORKDIR sub\n', 'WorkdirRelativePath')).toEqual([]);
  });

  it('UndefinedVar with a suggestion; declared ARGs and ENV count; RUN text is not checked', () => {
    expect(rule('FROM a\nENV APP_DIR=/app\nCOPY . $APP_DRI\n', 'UndefinedVar')).toEqual([
      [3, "Usage of undefined variable '$APP_DRI' (did you mean $APP_DIR?)"],
    ]);
    expect(rule('FROM a\nARG V\nWORKDIR /x/$V\nRUN echo $NOPE\n', 'UndefinedVar')).toEqual([]);
    expect(rule('FROM a\nENV PATH=$PATH:/x\n', 'UndefinedVar')).toEqual([]);
    // Heredoc bodies of COPY are expanded (unless the delimiter is quoted), so they are checked too.
    expect(rule('FROM a\nCOPY <<EOF /x\n$MISSING\nEOF\nCOPY <<"EOF" /y\n$MISSING\nEOF\n', 'UndefinedVar')).toEqual([
      [2, "Usage of undefined variable '$MISSING'"],
    ]);
  });

  it('MultipleInstructionsDisallowed points at the earlier instruction', () => {
    expect(rule('FROM a\nCMD ["a"]\nCMD ["b"]\n', 'MultipleInstructionsDisallowed')).toEqual([
      [2, 'Multiple CMD instructions should not be used in the same stage because only the last one will be used'],
    ]);
  });

  it('SecretsUsedInArgOrEnv', () => {
    expect(rule('FROM a\nARG GITHUB_TOKEN\nENV PUBLIC_KEY=x DB_PASSWORD=y\n', 'SecretsUsedInArgOrEnv')).toEqual([
      [2, 'Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")'],
      [3, 'Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWORD")'],
    ]);
    // Global ARGs before the first FROM are checked too.
    expect(rule('ARG API_TOKEN=x\nFROM a\n', 'SecretsUsedInArgOrEnv')).toEqual([
      [1, 'Do not use ARG or ENV instructions for sensitive data (ARG "API_TOKEN")'],
    ]);
  });

  it('ExposeProtoCasing and ExposeInvalidFormat', () => {
    expect(rule('FROM a\nEXPOSE 80/TCP\n', 'ExposeProtoCasing')).toEqual([
      [2, "Defined protocol '80/TCP' in EXPOSE instruction should be lowercase"],
    ]);
    expect(rule('FROM a\nEXPOSE 8080:80\n', 'ExposeInvalidFormat')).toEqual([
      [2, "EXPOSE instruction should not define an IP address or host-port mapping, found '8080:80'"],
    ]);
  });

  it('CopyIgnoredFile uses .dockerignore patterns and skips files copied from stages', () => {
    const ctx = { files: ['app.js', 'secret.env'], dockerignore: ['*.env', 'node_modules'] };
    expect(rule('FROM a\nCOPY secret.env app.js /app/\nCOPY --from=b secret.env /\n', 'CopyIgnoredFile', ctx)).toEqual([
      [2, 'Attempting to Copy file "secret.env" that is excluded by .dockerignore'],
    ]);
    expect(rule('FROM a\nADD node_modules/x /x\n', 'CopyIgnoredFile', ctx)).toEqual([
      [2, 'Attempting to Add file "node_modules/x" that is excluded by .dockerignore'],
    ]);
    expect(rule('FROM a\nCOPY . .\n', 'CopyIgnoredFile', ctx)).toEqual([]);
    expect(rule('FROM a\nCOPY secret.env /\n', 'CopyIgnoredFile', { dockerignore: ['*.env', '!keep.env'] })).toEqual([]);
  });

  it('honours # check=skip and error=true', () => {
    const d = lint('# check=skip=MaintainerDeprecated;error=true\nFROM a\nMAINTAINER x\nCMD x\n');
    expect(d.map((x) => [x.rule, x.severity])).toEqual([['JSONArgsRecommended', 'error']]);
    expect(lint('# check=skip=all\nFROM a\nMAINTAINER x\nCMD x\n')).toEqual([]);
    // error= takes Go's strconv.ParseBool spellings (linter.ParseLintOptions).
    expect(lint('# check=error=1\nFROM a\nCMD x\n').map((x) => x.severity)).toEqual(['error']);
    expect(lint('# check=error=F\nFROM a\nCMD x\n').map((x) => x.severity)).toEqual(['warning']);
    // A check comment right above one instruction applies to that instruction only.
    expect(lint('FROM a\n# check=skip=JSONArgsRecommended\nCMD x\nENTRYPOINT y\n').map((x) => [x.rule, x.range.start.line])).toEqual([
      ['JSONArgsRecommended', 4],
    ]);
  });

  it('every BuildKit diagnostic carries the rule URL and a range', () => {
    for (const d of lint('FROM a as B\nMAINTAINER x\nCMD y\n')) {
      expect(d.url).toMatch(/^https:\/\/docs\.docker\.com\/go\/dockerfile\/rule\/[a-z-]+\/$/);
      expect(d.severity).toBe('warning');
    }
  });

  it('links each rule to its page on docs.docker.com', () => {
    // The URLs of BuildKit's frontend/dockerfile/linter/ruleset.go.
    const d = lint('FROM --platform=linux/amd64 a\nARG API_TOKEN\nCMD y\n');
    expect(d.map((x) => [x.rule, x.url])).toEqual([
      ['FromPlatformFlagConstDisallowed', 'https://docs.docker.com/go/dockerfile/rule/from-platform-flag-const-disallowed/'],
      ['SecretsUsedInArgOrEnv', 'https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/'],
      ['JSONArgsRecommended', 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/'],
    ]);
    expect(d[2]!.description).toBe('JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals');
  });
});

describe('Layerlab layer hints', () => {
  const hints = (text: string, ctx?: LintContext) =>
    lint(text, ctx)
      .filter((d) => d.rule.startsWith('Layerlab/'))
      .map((d) => [d.rule, d.range.start.line, d.severity, d.lesson]);

  it('package lists downloaded in one RUN and deleted in a later one', () => {
    expect(hints('FROM a\nRUN apt-get update && apt-get install -y curl\nENV X=1\nRUN rm -rf /var/lib/apt/lists/*\n')).toEqual([
      ['Layerlab/DeletedInLaterLayer', 4, 'hint', 'what-is-an-image'],
    ]);
    expect(hints('FROM a\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n')).toEqual([]);
    // apk with --no-cache keeps no cache, so a later delete removes nothing the earlier layer holds.
    expect(hints('FROM a\nRUN apk add --no-cache curl\nENV X=1\nRUN rm -rf /var/cache/apk/*\n')).toEqual([]);
    expect(hints('FROM a\nRUN apk add curl\nENV X=1\nRUN rm -rf /var/cache/apk/*\n')).toEqual([
      ['Layerlab/DeletedInLaterLayer', 4, 'hint', 'what-is-an-image'],
    ]);
  });

  it('COPY . . before a dependency install', () => {
    expect(hints('FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\n')).toEqual([
      ['Layerlab/CopyAllBeforeInstall', 3, 'hint', 'what-is-an-image'],
    ]);
    expect(hints('FROM node\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n')).toEqual([]);
  });

  it('consecutive RUNs', () => {
    expect(hints('FROM a\nRUN echo a\nRUN echo b\n')).toEqual([['Layerlab/ConsecutiveRun', 3, 'hint', 'what-is-an-image']]);
    expect(hints('FROM a\nRUN echo a\nWORKDIR /x\nRUN echo b\n')).toEqual([]);
  });

  it('ADD where COPY would do', () => {
    expect(hints('FROM a\nADD app.js /app/\n')).toEqual([['Layerlab/AddWhereCopyWould', 2, 'hint', 'what-is-an-image']]);
    expect(hints('FROM a\nADD rootfs.tar.gz /\nADD https://example.com/x /x\n')).toEqual([]);
  });

  it('missing .dockerignore with node_modules or .git in the context', () => {
    const files = ['package.json', 'node_modules/a/index.js', '.git/HEAD'];
    const d = lint('FROM node\nCOPY package.json ./\nCOPY . .\n', { files, dockerignore: null }).filter(
      (x) => x.rule === 'Layerlab/MissingDockerignore',
    );
    expect(d).toHaveLength(1);
    expect(d[0]!.range.start.line).toBe(3);
    expect(d[0]!.message).toContain('node_modules and .git');
    expect(lint('FROM node\nCOPY . .\n', { files, dockerignore: ['node_modules'] }).some((x) => x.rule === 'Layerlab/MissingDockerignore')).toBe(false);
    expect(lint('FROM node\nCOPY . .\n', { files: ['a.js'], dockerignore: null }).some((x) => x.rule === 'Layerlab/MissingDockerignore')).toBe(false);
  });
});

describe('diagnoseDockerfile', () => {
  it('returns the parse error as an error diagnostic with its range', async () => {
    const { diagnoseDockerfile } = await import('../../../src/engine/dockerfile/index.ts');
    const bad = diagnoseDockerfile('FROM a\nRUNN x\n');
    expect(bad.result.ok).toBe(false);
    expect(bad.diagnostics).toEqual([
      {
        rule: 'Layerlab/ParseError',
        message: 'dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)',
        severity: 'error',
        range: { start: { line: 2, column: 0 }, end: { line: 2, column: 6 } },
      },
    ]);
    const good = diagnoseDockerfile('FROM a\nMAINTAINER me\n');
    expect(good.result.ok).toBe(true);
    expect(good.diagnostics.map((d) => d.rule)).toEqual(['MaintainerDeprecated']);
  });
});
