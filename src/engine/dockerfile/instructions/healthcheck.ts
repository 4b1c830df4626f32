/**
 * HEALTHCHECK: NONE or CMD, its duration flags (Go's time.ParseDuration) and --retries.
 */
import type { Instruction } from '../types.ts';
import { goQuote } from '../text.ts';
import { errAtLeastOne, InstructionError } from './errors.ts';
import type { Flags } from './flags.ts';
import type { AstNode } from '../parser/ast.ts';
import type { SharedFields } from './node-input.ts';

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in nanoseconds. Throws with Go's message. */
export function parseGoDuration(s: string): number {
  const orig = s;
  const invalid = () => new InstructionError(`time: invalid duration ${goQuote(orig)}`);
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*)(\.[0-9]*)?/.exec(s)!;
    if (m[0] === '' || m[0] === '.') throw invalid();
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)![0];
    if (u === '') throw new InstructionError(`time: missing unit in duration ${goQuote(orig)}`);
    const mult = Object.hasOwn(UNIT_NS, u) ? UNIT_NS[u] : undefined;
    if (mult === undefined) throw new InstructionError(`time: unknown unit ${goQuote(u)} in duration ${goQuote(orig)}`);
    s = s.slice(u.length);
    total += Number(m[0].startsWith('.') ? '0' + m[0] : m[0]) * mult;
  }
  if (total > 2 ** 63 - 1) throw invalid();
  return Math.round(neg ? -total : total);
}

function optInterval(flags: Flags, name: string): number | undefined {
  const v = flags.raw1(name);
  if (v === undefined || v === '') return undefined;
  const d = parseGoDuration(v);
  if (d === 0) return undefined;
  if (d < 1e6) throw new InstructionError(`Interval ${goQuote(name)} cannot be less than 1ms`);
  return d;
}

export function parseHealthcheck(args: string[], base: SharedFields, flags: Flags, node: AstNode): Instruction {
  if (args.length === 0) throw errAtLeastOne('HEALTHCHECK');
  const typ = args[0]!.toUpperCase();
  const rest = args.slice(1);
  if (typ === 'NONE') {
    if (rest.length !== 0) throw new InstructionError('HEALTHCHECK NONE takes no arguments');
    return { kind: 'HEALTHCHECK', ...base, test: ['NONE'], flags: {} };
  }
  flags.add('interval', 'string').add('timeout', 'string').add('start-period', 'string');
  flags.add('start-interval', 'string').add('retries', 'string');
  flags.parse();
  if (typ !== 'CMD') throw new InstructionError(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`);
  const slice = rest.length === 0 ? [] : node.json ? rest : [rest.join(' ')];
  if (slice.length === 0) throw new InstructionError('Missing command after HEALTHCHECK CMD');
  const test = [node.json ? 'CMD' : 'CMD-SHELL', ...slice];
  const hc: Instruction = { kind: 'HEALTHCHECK', ...base, test, flags: {} };
  const interval = optInterval(flags, 'interval');
  const timeout = optInterval(flags, 'timeout');
  const startPeriod = optInterval(flags, 'start-period');
  const startInterval = optInterval(flags, 'start-interval');
  if (interval !== undefined) hc.flags.interval = interval;
  if (timeout !== undefined) hc.flags.timeout = timeout;
  if (startPeriod !== undefined) hc.flags.startPeriod = startPeriod;
  if (startInterval !== undefined) hc.flags.startInterval = startInterval;
  const r = flags.raw1('retries');
  if (r !== undefined && r !== '') {
    if (!/^[+-]?[0-9]+$/.test(r)) throw new InstructionError(`strconv.ParseInt: parsing ${goQuote(r)}: invalid syntax`);
    const n = Number(r);
    if (n > 2147483647 || n < -2147483648) {
      throw new InstructionError(`strconv.ParseInt: parsing ${goQuote(r)}: value out of range`);
    }
    if (n < 0) throw new InstructionError(`--retries cannot be negative (${n})`);
    hc.flags.retries = n;
  }
  return hc;
}
