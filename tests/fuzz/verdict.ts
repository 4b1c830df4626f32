// Runs one fuzz case (a script in the container shell, or a whole build through the engine) and
// sorts the outcome: a success, a docker- or shell-style error, a lab limit, or an internal error
// (JavaScript's own words reached the learner, the simulator failed, or the call threw).
import { baseImageRoot, resolveBaseImage, runShell } from '../../src/engine/world/index.ts';
import { createLabEngine, type EngineEvent, type LabEngine } from '../../src/engine/index.ts';
import { createMemoryWorkspace } from '../../src/workspace/memory.ts';

export type Verdict =
  | { kind: 'ok' | 'error' | 'limit' }
  | { kind: 'internal'; why: string; output: string };

/** Text only JavaScript itself writes: error class names, engine limits, stack frames, stray values. */
const JS_TEXT: RegExp[] = [
  /\b(TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError|InternalError|AggregateError)\b/,
  /Maximum call stack/,
  /Invalid (string length|regular expression|array length|typed array length|time value|code point|count value)/,
  /\bundefined\b/,
  /\bNaN\b/,
  /\[object [A-Z]\w*\]/,
  /^\s+at .*\.(ts|js|mjs):\d+/m,
  /is not a function|is not iterable|Cannot read propert|Cannot set propert|Cannot access '/,
];

/** The first piece of JavaScript's own text in `output` that the input did not already contain. */
export function leakedJsText(output: string, input: string): string | undefined {
  for (const re of JS_TEXT) {
    const m = re.exec(output);
    if (m && !input.includes(m[0])) return m[0];
  }
  if (output.includes('failed inside the simulator')) return 'failed inside the simulator';
  return undefined;
}

/** Shell steps per fuzzed script: enough for any loop to reach the limit quickly. */
export const FUZZ_STEPS = 20_000;

export async function runShellCase(script: string, base = 'alpine:3.21'): Promise<Verdict> {
  const img = resolveBaseImage(base);
  if (!img) throw new Error(`no image ${base}`);
  const env = Object.fromEntries(img.config.Env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  let output = '';
  try {
    const r = await runShell({ root: baseImageRoot(img), argv: ['/bin/sh', '-c', script], env, cwd: '/', user: 'root', limits: { maxSteps: FUZZ_STEPS } });
    output = r.output.map((c) => c.text).join('');
    const leak = leakedJsText(output, script);
    if (leak) return { kind: 'internal', why: leak, output };
    if (!Number.isInteger(r.exitCode) || r.exitCode < 0 || r.exitCode > 255) return { kind: 'internal', why: `exit code ${r.exitCode}`, output };
    if (r.limitExceeded) return { kind: 'limit' };
    return { kind: r.exitCode === 0 ? 'ok' : 'error' };
  } catch (e) {
    return { kind: 'internal', why: `threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, output };
  }
}

let engine: LabEngine | undefined;
let builds = 0;

export async function runBuildCase(dockerfile: string): Promise<Verdict> {
  // A fresh engine now and then, so that the image store does not grow without end.
  if (!engine || ++builds % 50 === 0) engine = createLabEngine();
  const ws = await createMemoryWorkspace({ Dockerfile: dockerfile, 'a.txt': 'hello\n' });
  const texts: string[] = [];
  const off = engine.subscribe((e: EngineEvent) => {
    if (e.type === 'log') texts.push(e.text);
    if (e.type === 'error') texts.push(e.message, e.vertexMessage ?? '');
  });
  try {
    const outcome = await engine.build({ workspace: ws, contextDir: '/', tags: ['fuzz:1'] });
    const output = [...texts, outcome.error ?? ''].join('\n');
    const leak = leakedJsText(output, dockerfile);
    if (leak) return { kind: 'internal', why: leak, output };
    if (outcome.ok) return { kind: 'ok' };
    if (!outcome.error?.startsWith('failed to build: ')) return { kind: 'internal', why: `error not in buildx's form: ${outcome.error}`, output };
    return { kind: /this lab's \w+ limit was exceeded/.test(outcome.error) ? 'limit' : 'error' };
  } catch (e) {
    return { kind: 'internal', why: `threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, output: texts.join('\n') };
  } finally {
    off();
  }
}
