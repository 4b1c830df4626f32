/**
 * Conformance runner: `npm run conformance -- DIR` where DIR is laid out like BuildKit's test data
 * (parser/<name>/{Dockerfile,result}, negative/<name>/Dockerfile, shell/envVarTest, shell/wordsTest).
 * Prints one line per failing case, then `N passed, N failed`; exits non-zero on any failure.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dumpAst, parseAst, parseDockerfile, expandWord, expandWords } from '../../src/engine/dockerfile/index.ts';

export interface CaseFailure {
  name: string;
  detail: string;
}

export interface ConformanceReport {
  passed: number;
  failed: CaseFailure[];
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory())
    .sort();
}

function oneLine(s: string, max = 200): string {
  const j = JSON.stringify(s);
  return j.length > max ? j.slice(0, max) + '…' : j;
}

/** Decodes bytes as Go would see them for our purposes (UTF-8, invalid sequences replaced). */
function readText(path: string): string {
  return new TextDecoder('utf-8').decode(readFileSync(path));
}

export function runConformance(root: string): ConformanceReport {
  const report: ConformanceReport = { passed: 0, failed: [] };
  const pass = () => report.passed++;
  const fail = (name: string, detail: string) => report.failed.push({ name, detail });

  for (const name of listDirs(join(root, 'parser'))) {
    const dir = join(root, 'parser', name);
    const id = `parser/${name}`;
    try {
      const text = readText(join(dir, 'Dockerfile'));
      const expected = readText(join(dir, 'result'));
      let got: string;
      try {
        got = dumpAst(text);
      } catch (e) {
        fail(id, `threw ${(e as Error).message}`);
        continue;
      }
      if (got === expected) pass();
      else {
        const gl = got.split('\n');
        const el = expected.split('\n');
        let i = 0;
        while (i < Math.max(gl.length, el.length) && gl[i] === el[i]) i++;
        fail(id, `line ${i + 1}: expected ${oneLine(el[i] ?? '<eof>')} got ${oneLine(gl[i] ?? '<eof>')}`);
      }
    } catch (e) {
      fail(id, `could not read case: ${(e as Error).message}`);
    }
  }

  for (const name of listDirs(join(root, 'negative'))) {
    const id = `negative/${name}`;
    try {
      const text = readText(join(root, 'negative', name, 'Dockerfile'));
      const r = parseDockerfile(text);
      if (!r.ok) pass();
      else fail(id, 'parsed without error');
    } catch (e) {
      fail(id, `threw instead of returning an error: ${(e as Error).message}`);
    }
  }

  // heredoc-input.Dockerfile holds the Go string literal of BuildKit's heredoc parser test; the Dockerfile is the
  // text between the backticks and must parse (its heredoc details are asserted by the Go test, not given here).
  const heredocFile = join(root, 'heredoc-input.Dockerfile');
  if (existsSync(heredocFile)) {
    const raw = readText(heredocFile);
    const a = raw.indexOf('`');
    const b = raw.lastIndexOf('`');
    const text = a >= 0 && b > a ? raw.slice(a + 1, b) : raw;
    try {
      const ast = parseAst(text);
      const heredocs = ast.children.reduce((n, c) => n + c.heredocs.length, 0);
      if (heredocs > 0) pass();
      else fail('heredoc-input', 'parsed, but no heredocs were found');
    } catch (e) {
      fail('heredoc-input', `did not parse: ${(e as Error).message}`);
    }
  }

  const env = { PWD: '/home', SHELL: 'bash', KOREAN: '한국어', NULL: '' };
  const envFile = join(root, 'shell', 'envVarTest');
  if (existsSync(envFile)) {
    const lines = readText(envFile).split('\n');
    lines.forEach((raw, idx) => {
      if (raw.startsWith('#')) return;
      const line = raw.trim();
      if (line === '') return;
      const parts = line.split('|');
      const id = `shell/envVarTest:${idx + 1}`;
      if (parts.length !== 3) {
        fail(id, `malformed line ${oneLine(raw)}`);
        return;
      }
      const platform = parts[0]!.trim();
      const source = parts[1]!.trim();
      const expected = parts[2]!.trim();
      if (platform === 'W') return;
      let got: string;
      try {
        got = expandWord(source, env);
      } catch (e) {
        got = 'error';
        if (expected !== 'error') {
          fail(id, `${oneLine(source)}: expected ${oneLine(expected)}, got error ${(e as Error).message}`);
          return;
        }
      }
      if (got === expected) pass();
      else fail(id, `${oneLine(source)}: expected ${oneLine(expected)}, got ${oneLine(got)}`);
    });
  }

  const wordsFile = join(root, 'shell', 'wordsTest');
  if (existsSync(wordsFile)) {
    const lines = readText(wordsFile).split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const envs: Record<string, string> = {};
    lines.forEach((line, idx) => {
      const id = `shell/wordsTest:${idx + 1}`;
      if (line.startsWith('#')) return;
      if (line.startsWith('ENV ')) {
        const kv = line.slice(3).replace(/^ +/, '');
        const eq = kv.indexOf('=');
        if (eq < 0) envs[kv] = '';
        else envs[kv.slice(0, eq)] = kv.slice(eq + 1);
        return;
      }
      const parts = line.split('|');
      if (parts.length !== 2) {
        fail(id, `malformed line ${oneLine(line)}`);
        return;
      }
      const test = parts[0]!.trim();
      const expected = parts[1]!.replace(/^ +/, '').split(',');
      let got: string[];
      try {
        got = expandWords(test, envs);
      } catch {
        got = ['error'];
      }
      if (got.length === expected.length && got.every((w, i) => w === expected[i])) pass();
      else fail(id, `${oneLine(test)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    });
  }
  return report;
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('tests/conformance/run.ts');
if (isMain) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npm run conformance -- DIR');
    process.exit(2);
  }
  if (!existsSync(dir)) {
    console.error(`conformance: no such directory: ${dir}`);
    process.exit(2);
  }
  const report = runConformance(dir);
  for (const f of report.failed) console.log(`FAIL ${f.name}: ${f.detail}`);
  if (report.passed + report.failed.length === 0) console.log(`conformance: no cases found in ${dir}`);
  console.log(`${report.passed} passed, ${report.failed.length} failed`);
  process.exit(report.failed.length > 0 || report.passed === 0 ? 1 : 0);
}
