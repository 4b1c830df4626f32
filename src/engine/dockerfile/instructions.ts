/**
 * Typed instructions and stages from the AST, with the checks and error texts of BuildKit's
 * frontend/dockerfile/instructions package (parse.go, bflag.go, commands_run*.go).
 */
import type {
  AddInstruction,
  ArgDecl,
  ArgInstruction,
  CommandLine,
  CopyInstruction,
  Diagnostic,
  Dockerfile,
  DockerfileError,
  FromInstruction,
  Heredoc,
  Instruction,
  InstructionBase,
  KeyValuePair,
  MountSpec,
  MountType,
  ParseResult,
  RawFlag,
  SourceRange,
  Stage,
} from './types.ts';
import { DockerfileSyntaxError, parseAst } from './parser.ts';
import { mustParseHeredocWord } from './parser/heredoc.ts';
import type { AstNode } from './parser.ts';
import { goQuote, goTrimSpace, utf8Length, withSuggestion } from './text.ts';

/** Inputs larger than this are refused before parsing (the lab's own limit; BuildKit has none). */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

export const INSTRUCTION_NAMES: readonly string[] = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

/** An error raised while turning one AST node into an instruction (wrapped with the line by the caller). */
class InstructionError extends Error {
  /** A narrower range than the whole instruction, e.g. the offending flag. */
  range?: SourceRange;
  constructor(message: string, range?: SourceRange) {
    super(message);
    if (range) this.range = range;
  }
}

// ---------------------------------------------------------------------------------------------
// Flags (BuildKit's BFlags)

type FlagType = 'bool' | 'string' | 'strings';

class Flags {
  /** Defined flags in definition order (only kept when the line has flags). */
  private defs: Array<[string, FlagType]> | undefined;
  /** Values of the flags given: boolean, string, or the list of a repeatable flag. */
  private vals: Record<string, boolean | string | string[]> | undefined;
  private raw: RawFlag[];
  constructor(raw: RawFlag[]) {
    this.raw = raw;
  }
  /** Whether the flag was given. */
  has(name: string): boolean {
    return this.vals !== undefined && Object.prototype.hasOwnProperty.call(this.vals, name);
  }
  add(name: string, type: FlagType): this {
    // Without flags on the line there is nothing to check; defaults are answered by str/bool/list.
    if (this.raw.length === 0) return this;
    (this.defs ??= []).push([name, type]);
    return this;
  }
  parse(): void {
    if (this.raw.length === 0) return;
    const defs = this.defs ?? [];
    const vals: Record<string, boolean | string | string[]> = (this.vals = {});
    for (const f of this.raw) {
      const a = f.text;
      if (a === '--') return;
      if (!a.startsWith('--')) throw new InstructionError(`arg should start with -- : ${a}`, f.range);
      const eq = a.indexOf('=');
      const flagName = eq < 0 ? a : a.slice(0, eq);
      const value = eq < 0 ? '' : a.slice(eq + 1);
      const hasValue = eq >= 0;
      const name = flagName.slice(2);
      const type = defs.find((d) => d[0] === name)?.[1];
      if (type === undefined) {
        const names = defs.map((d) => d[0]);
        throw new InstructionError(withSuggestion(`unknown flag: ${flagName}`, name, names, true), f.range);
      }
      const seen = Object.prototype.hasOwnProperty.call(vals, name);
      if (seen && type !== 'strings') throw new InstructionError(`duplicate flag specified: ${flagName}`, f.range);
      if (type === 'bool') {
        if (hasValue && value === '') throw new InstructionError(`missing a value on flag: ${flagName}`, f.range);
        const v = value.toLowerCase();
        if (v === 'true' || v === '') vals[name] = true;
        else if (v === 'false') vals[name] = false;
        else throw new InstructionError(`expecting boolean value for flag ${flagName}, not: ${value}`, f.range);
      } else if (!hasValue) {
        throw new InstructionError(`missing a value on flag: ${flagName}`, f.range);
      } else if (type === 'string') {
        vals[name] = value;
      } else {
        const list = seen ? (vals[name] as string[]) : (vals[name] = []);
        list.push(value);
      }
    }
  }
  private get(name: string): boolean | string | string[] | undefined {
    return this.vals !== undefined && Object.prototype.hasOwnProperty.call(this.vals, name) ? this.vals[name] : undefined;
  }
  str(name: string): string | undefined {
    const v = this.get(name);
    return typeof v === 'string' && v !== '' ? v : undefined;
  }
  bool(name: string): boolean {
    return this.get(name) === true;
  }
  list(name: string): string[] {
    const v = this.get(name);
    return Array.isArray(v) ? v : [];
  }
  /** The raw value of a string flag ("" when given empty), undefined when absent. */
  raw1(name: string): string | undefined {
    const v = this.get(name);
    return typeof v === 'string' ? v : undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function errAtLeastOne(cmd: string): InstructionError {
  return new InstructionError(`${cmd} requires at least one argument`);
}
function errExactlyOne(cmd: string): InstructionError {
  return new InstructionError(`${cmd} requires exactly one argument`);
}
function errNoDestination(cmd: string): InstructionError {
  return new InstructionError(
    `${cmd} requires at least two arguments, but only one was provided. Destination could not be determined`,
  );
}

/** BuildKit's nodeArgs: the Next chain, with ONBUILD's nested node flattened. */
function nodeArgs(node: AstNode): string[] {
  if (node.nested) return [node.nested.keyword, ...nodeArgs(node.nested)];
  return node.next;
}

function baseOf(node: AstNode): Omit<InstructionBase, 'kind'> {
  return {
    keyword: node.keyword,
    range: node.range,
    original: node.original,
    rawFlags: node.flags,
    tokens: node.tokens,
    comments: node.comments,
  };
}

function cmdLine(args: string[], json: boolean): CommandLine {
  if (json) return { form: 'exec', args: [...args] };
  return { form: 'shell', command: args.join(' ') };
}

/** BuildKit's ChompHeredocContent: strips leading tabs from every line. */
export function chompHeredoc(content: string): string {
  return content.replace(/^\t+/gm, '');
}

function typedHeredoc(h: Heredoc): Heredoc {
  return h.chomp ? { ...h, content: chompHeredoc(h.content) } : { ...h };
}

// ---------------------------------------------------------------------------------------------
// RUN --mount

const MOUNT_TYPES: readonly MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARING = ['shared', 'private', 'locked'] as const;
const MOUNT_KEYS = [
  'type',
  'from',
  'source',
  'target',
  'readonly',
  'id',
  'sharing',
  'required',
  'size',
  'mode',
  'uid',
  'gid',
  'src',
  'dst',
  'destination',
  'ro',
  'rw',
  'readwrite',
  'env',
];

/** Splits one CSV record (as BuildKit's csvvalue.Fields) into fields. */
export function csvFields(val: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = val.length;
  if (n === 0) return [''];
  for (;;) {
    let field = '';
    if (val[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new InstructionError(`failed to parse csv mounts: extraneous or missing " in quoted-field`);
        const c = val[i]!;
        if (c === '"') {
          if (val[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      if (i < n && val[i] !== ',') throw new InstructionError(`failed to parse csv mounts: extraneous or missing " in quoted-field`);
    } else {
      while (i < n && val[i] !== ',') {
        if (val[i] === '"') throw new InstructionError(`failed to parse csv mounts: bare " in non-quoted-field`);
        field += val[i];
        i++;
      }
    }
    out.push(field);
    if (i >= n) break;
    i++; // comma
    if (i >= n) {
      out.push('');
      break;
    }
  }
  return out;
}

function parseGoBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** go-units RAMInBytes: "64m", "1g", "512k", "100" (binary multipliers). */
function ramInBytes(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(v);
  if (!m) return undefined;
  const mult: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
  const unit = m[2]?.toLowerCase();
  return Math.floor(Number(m[1]) * (unit ? mult[unit]! : 1));
}

/**
 * BuildKit's parseMount. With `expand` undefined this is the parse-time pass: only `from` is checked, and
 * the typed fields are filled best effort from the unexpanded text. With `expand`, every field is
 * expanded and validated with BuildKit's messages.
 */
export function parseMount(raw: string, expand?: (word: string) => string): MountSpec {
  const fields = csvFields(raw);
  const m: MountSpec = { type: 'bind', raw, readOnly: true };
  let roAuto = true;
  const validate = expand !== undefined;
  let sharing: string | undefined;
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    let value = eq < 0 ? '' : field.slice(eq + 1);
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro') {
        m.readOnly = true;
        roAuto = false;
        continue;
      }
      if (key === 'readwrite' || key === 'rw') {
        m.readOnly = false;
        roAuto = false;
        continue;
      }
      if (key === 'required') {
        if (m.type === 'secret' || m.type === 'ssh') {
          m.required = true;
          continue;
        }
        if (validate) throw new InstructionError(`unexpected key '${key}' for mount type '${m.type}'`);
        continue;
      }
      if (validate) throw new InstructionError(`invalid field '${field}' must be a key=value pair`);
      continue;
    }
    if (expand) value = expand(value);
    else if (key === 'from') {
      const idx = value.indexOf('$');
      if (idx !== -1 && idx !== value.length - 1) {
        throw new InstructionError(`'${key}' doesn't support variable expansion, define alias stage instead`);
      }
    }
    const bad = (msg: string): void => {
      if (validate) throw new InstructionError(msg);
    };
    switch (key) {
      case 'type': {
        const t = value.toLowerCase() as MountType;
        if (!MOUNT_TYPES.includes(t)) {
          bad(withSuggestion(`unsupported mount type ${goQuote(value)}`, value, MOUNT_TYPES, true));
          break;
        }
        m.type = t;
        break;
      }
      case 'from':
        m.from = value;
        break;
      case 'source':
      case 'src':
        m.source = value;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        m.target = value;
        break;
      case 'readonly':
      case 'ro': {
        const b = parseGoBool(value);
        if (b === undefined) bad(`invalid value for ${key}: ${value}`);
        else {
          m.readOnly = b;
          roAuto = false;
        }
        break;
      }
      case 'readwrite':
      case 'rw': {
        const b = parseGoBool(value);
        if (b === undefined) bad(`invalid value for ${key}: ${value}`);
        else {
          m.readOnly = !b;
          roAuto = false;
        }
        break;
      }
      case 'required':
        if (m.type === 'secret' || m.type === 'ssh') {
          const b = parseGoBool(value);
          if (b === undefined) bad(`invalid value for ${key}: ${value}`);
          else m.required = b;
        } else bad(`unexpected key '${key}' for mount type '${m.type}'`);
        break;
      case 'size':
        if (m.type === 'tmpfs') {
          const n = ramInBytes(value);
          if (n === undefined) bad(`invalid value for ${key}: ${value}`);
          else m.size = n;
        } else bad(`unexpected key '${key}' for mount type '${m.type}'`);
        break;
      case 'id':
        m.id = value;
        break;
      case 'sharing': {
        const v = value.toLowerCase();
        if (!(SHARING as readonly string[]).includes(v)) {
          bad(withSuggestion(`unsupported sharing value ${goQuote(value)}`, value, SHARING, true));
          break;
        }
        sharing = v;
        m.sharing = v as MountSpec['sharing'];
        break;
      }
      case 'mode': {
        if (!/^[0-7]+$/.test(value) || parseInt(value, 8) > 0xffffffff) bad(`invalid value ${value} for mode`);
        else m.mode = parseInt(value, 8);
        break;
      }
      case 'uid':
      case 'gid': {
        if (!/^[0-9]+$/.test(value) || Number(value) > 0xffffffff) bad(`invalid value ${value} for ${key}`);
        else m[key] = Number(value);
        break;
      }
      case 'env':
        m.env = value;
        break;
      default:
        bad(withSuggestion(`unexpected key '${key}' in '${field}'`, key, MOUNT_KEYS, true));
    }
  }
  if (validate) {
    const fileInfoAllowed = m.type === 'secret' || m.type === 'ssh' || m.type === 'cache';
    if (!fileInfoAllowed) {
      if (m.mode !== undefined) throw new InstructionError(`mode not allowed for ${goQuote(m.type)} type mounts`);
      if (m.uid !== undefined) throw new InstructionError(`uid not allowed for ${goQuote(m.type)} type mounts`);
      if (m.gid !== undefined) throw new InstructionError(`gid not allowed for ${goQuote(m.type)} type mounts`);
    }
  }
  if (roAuto) m.readOnly = !(m.type === 'cache' || m.type === 'tmpfs');
  if (validate) {
    if (m.type === 'secret') {
      if (m.from) throw new InstructionError('secret mount should not have a from');
      if (sharing) throw new InstructionError('secret mount should not define sharing');
      if (!m.source && !m.target && !m.id) throw new InstructionError('invalid secret mount. one of source, target required');
      if (m.source && m.id) throw new InstructionError("both source and id can't be set");
    }
    if (sharing && m.type !== 'cache') throw new InstructionError(`invalid cache sharing set for ${m.type} mount`);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// HEALTHCHECK durations (Go time.ParseDuration)

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
    const mult = Object.prototype.hasOwnProperty.call(UNIT_NS, u) ? UNIT_NS[u] : undefined;
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

// ---------------------------------------------------------------------------------------------
// Per instruction

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

function parseInstruction(node: AstNode): Instruction {
  const args = nodeArgs(node);
  const base = baseOf(node);
  const flags = new Flags(node.flags);
  const json = node.json;
  switch (node.value) {
    case 'env':
    case 'label': {
      flags.parse();
      const name = node.value.toUpperCase();
      if (args.length === 0) throw errAtLeastOne(name);
      if (args.length % 3 !== 0) throw new InstructionError(`Bad input to ${name}, too many arguments`);
      const pairs: KeyValuePair[] = [];
      for (let j = 0; j < args.length; j += 3) {
        if (args[j]!.length === 0) throw new InstructionError(`${name} names can not be blank`);
        pairs.push({ key: args[j]!, value: args[j + 1]!, legacy: args[j + 2] === '' });
      }
      return node.value === 'env'
        ? { kind: 'ENV', ...base, pairs, flags: {} }
        : { kind: 'LABEL', ...base, pairs, flags: {} };
    }
    case 'maintainer':
      if (args.length !== 1) throw errExactlyOne('MAINTAINER');
      flags.parse();
      return { kind: 'MAINTAINER', ...base, maintainer: args[0]!, flags: {} };
    case 'add':
    case 'copy': {
      const name = node.value.toUpperCase();
      if (args.length < 2) throw errNoDestination(name);
      if (node.value === 'add') {
        flags.add('chown', 'string').add('chmod', 'string').add('link', 'bool').add('keep-git-dir', 'bool');
        flags.add('checksum', 'string').add('unpack', 'bool').add('exclude', 'strings');
      } else {
        flags.add('chown', 'string').add('from', 'string').add('chmod', 'string').add('link', 'bool');
        flags.add('exclude', 'strings').add('parents', 'bool');
      }
      flags.parse();
      const dest = args[args.length - 1]!;
      if (mustParseHeredocWord(dest)) throw new InstructionError(`${name} cannot accept a heredoc as a destination`);
      const byName = new Map<string, Heredoc>();
      for (const h of node.heredocs) byName.set(h.name, h);
      const sources: string[] = [];
      const heredocs: Heredoc[] = [];
      for (const src of args.slice(0, -1)) {
        const head = mustParseHeredocWord(src);
        if (head) {
          const found = byName.get(head.name);
          const h: Heredoc = found
            ? { ...found, expand: head.expand, chomp: head.chomp }
            : { name: head.name, content: '', expand: head.expand, chomp: head.chomp, range: node.range };
          heredocs.push(typedHeredoc(h));
        } else sources.push(src);
      }
      if (node.value === 'add') {
        const inst: AddInstruction = {
          kind: 'ADD',
          ...base,
          sources,
          dest,
          heredocs,
          json,
          flags: { link: flags.bool('link'), exclude: flags.list('exclude') },
        };
        const chown = flags.str('chown');
        const chmod = flags.str('chmod');
        const checksum = flags.str('checksum');
        if (chown !== undefined) inst.flags.chown = chown;
        if (chmod !== undefined) inst.flags.chmod = chmod;
        if (checksum !== undefined) inst.flags.checksum = checksum;
        if (flags.has('keep-git-dir')) inst.flags.keepGitDir = flags.bool('keep-git-dir');
        if (flags.has('unpack')) inst.flags.unpack = flags.bool('unpack');
        return inst;
      }
      const inst: CopyInstruction = {
        kind: 'COPY',
        ...base,
        sources,
        dest,
        heredocs,
        json,
        flags: { link: flags.bool('link'), parents: flags.bool('parents'), exclude: flags.list('exclude') },
      };
      const from = flags.str('from');
      const chown = flags.str('chown');
      const chmod = flags.str('chmod');
      if (from !== undefined) inst.flags.from = from;
      if (chown !== undefined) inst.flags.chown = chown;
      if (chmod !== undefined) inst.flags.chmod = chmod;
      return inst;
    }
    case 'from': {
      let stageName: string | undefined;
      if (args.length === 3 && args[1]!.toLowerCase() === 'as') {
        stageName = args[2]!.toLowerCase();
        if (!STAGE_NAME.test(stageName)) {
          throw new InstructionError(
            `invalid name for build stage: ${goQuote(args[2]!)}, name can't start with a number or contain symbols`,
          );
        }
      } else if (args.length !== 1) {
        throw new InstructionError('FROM requires either one or three arguments');
      }
      flags.add('platform', 'string');
      flags.parse();
      const inst: FromInstruction = { kind: 'FROM', ...base, image: args[0]!, flags: {} };
      if (stageName !== undefined) {
        inst.stageName = args[2]!;
        inst.asKeyword = args[1]!;
      }
      const platform = flags.str('platform');
      if (platform !== undefined) inst.flags.platform = platform;
      return inst;
    }
    case 'onbuild': {
      if (args.length === 0) throw errAtLeastOne('ONBUILD');
      flags.parse();
      const trigger = goTrimSpace(args[0]!).toUpperCase();
      if (trigger === 'ONBUILD') throw new InstructionError('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
      if (trigger === 'MAINTAINER' || trigger === 'FROM') {
        throw new InstructionError(`${trigger} isn't allowed as an ONBUILD trigger`);
      }
      let expression = node.original.replace(/^\s*ONBUILD\s*/i, '');
      for (const h of node.heredocs) expression += '\n' + h.content + h.name;
      const inst: Instruction = { kind: 'ONBUILD', ...base, expression, flags: {} };
      if (node.nested) {
        try {
          const nested: AstNode = { ...node.nested, heredocs: node.heredocs, range: node.range };
          inst.trigger = parseInstruction(nested);
        } catch (e) {
          if (!(e instanceof InstructionError)) throw e;
          inst.triggerError = e.message;
        }
      }
      return inst;
    }
    case 'workdir':
      if (args.length !== 1) throw errExactlyOne('WORKDIR');
      flags.parse();
      return { kind: 'WORKDIR', ...base, path: args[0]!, flags: {} };
    case 'run': {
      flags.add('device', 'strings').add('mount', 'strings').add('network', 'string').add('security', 'string');
      flags.parse();
      const device = flags.list('device');
      const mount = flags.list('mount').map((m) => parseMount(m));
      const network = flags.raw1('network') ?? 'default';
      if (network !== 'default' && network !== 'none' && network !== 'host') {
        throw new InstructionError(`invalid network mode ${goQuote(network)}`);
      }
      const security = flags.raw1('security') ?? 'sandbox';
      if (security !== 'sandbox' && security !== 'insecure') {
        throw new InstructionError(`security ${goQuote(security)} is not valid`);
      }
      // A RUN with nothing to run (no command, no heredoc) is refused while parsing.
      if (args.length === 0 && node.heredocs.length === 0) throw errAtLeastOne('RUN');
      return {
        kind: 'RUN',
        ...base,
        cmd: cmdLine(args, json),
        heredocs: node.heredocs.map(typedHeredoc),
        flags: { mount, network, security, device },
      };
    }
    case 'cmd':
      flags.parse();
      return { kind: 'CMD', ...base, cmd: cmdLine(args, json), flags: {} };
    case 'entrypoint':
      flags.parse();
      return { kind: 'ENTRYPOINT', ...base, cmd: cmdLine(args, json), flags: {} };
    case 'healthcheck': {
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
      const slice = rest.length === 0 ? [] : json ? rest : [rest.join(' ')];
      if (slice.length === 0) throw new InstructionError('Missing command after HEALTHCHECK CMD');
      const test = [json ? 'CMD' : 'CMD-SHELL', ...slice];
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
    case 'expose': {
      if (args.length === 0) throw errAtLeastOne('EXPOSE');
      flags.parse();
      const ports = [...args].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return { kind: 'EXPOSE', ...base, ports, flags: {} };
    }
    case 'user':
      if (args.length !== 1) throw errExactlyOne('USER');
      flags.parse();
      return { kind: 'USER', ...base, user: args[0]!, flags: {} };
    case 'volume': {
      if (args.length === 0) throw errAtLeastOne('VOLUME');
      flags.parse();
      const volumes: string[] = [];
      for (const v of args) {
        const t = goTrimSpace(v);
        if (t === '') throw new InstructionError('VOLUME specified can not be an empty string');
        volumes.push(t);
      }
      return { kind: 'VOLUME', ...base, volumes, flags: {} };
    }
    case 'stopsignal':
      if (args.length !== 1) throw errExactlyOne('STOPSIGNAL');
      return { kind: 'STOPSIGNAL', ...base, signal: args[0]!, flags: {} };
    case 'arg': {
      if (args.length < 1) throw errAtLeastOne('ARG');
      const decls: ArgDecl[] = [];
      for (const a of args) {
        const eq = a.indexOf('=');
        if (eq >= 0) {
          if (eq === 0) throw new InstructionError('ARG names can not be blank');
          decls.push({ name: a.slice(0, eq), value: a.slice(eq + 1) });
        } else decls.push({ name: a });
      }
      return { kind: 'ARG', ...base, args: decls, flags: {} };
    }
    case 'shell': {
      flags.parse();
      const slice = args.length === 0 ? [] : json ? args : [args.join(' ')];
      if (slice.length === 0) throw errAtLeastOne('SHELL');
      if (!json) throw new InstructionError('SHELL requires the arguments to be in JSON form');
      return { kind: 'SHELL', ...base, shell: [...slice], flags: {} };
    }
  }
  throw new InstructionError(withSuggestion(`unknown instruction: ${node.keyword}`, node.keyword, INSTRUCTION_NAMES, false));
}

// ---------------------------------------------------------------------------------------------
// Whole file

function fail(message: string, range: DockerfileError['range'], warnings: Diagnostic[], line?: number): ParseResult {
  const error: DockerfileError = { message };
  if (range) {
    error.range = range;
    error.line = line ?? range.start.line;
  }
  return { ok: false, error, warnings };
}

/**
 * Parses a Dockerfile as BuildKit does (parser.Parse, then instructions.Parse). Never throws: every failure
 * is returned as `{ ok: false, error }` with BuildKit's message and a source range.
 */
export function parseDockerfile(text: string): ParseResult {
  try {
    return parseDockerfileUnsafe(text);
  } catch (e) {
    // Defensive: an unexpected internal failure is still reported as a typed error, never thrown.
    const msg = e instanceof Error ? e.message : String(e);
    return fail(`internal error while parsing the Dockerfile: ${msg}`, { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } }, []);
  }
}

function parseDockerfileUnsafe(text: string): ParseResult {
  const whole = { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } };
  if (typeof text !== 'string' || text.length === 0) return fail('the Dockerfile cannot be empty', whole, []);
  if (text.length > MAX_DOCKERFILE_BYTES / 4 && utf8Length(text) > MAX_DOCKERFILE_BYTES) {
    return fail(
      `Dockerfile too large: ${utf8Length(text)} bytes. In this lab a Dockerfile can be at most ${MAX_DOCKERFILE_BYTES} bytes (1 MiB).`,
      whole,
      [],
    );
  }
  let ast;
  try {
    ast = parseAst(text);
  } catch (e) {
    if (e instanceof DockerfileSyntaxError) return fail(e.message, e.range ?? whole, []);
    throw e;
  }
  const warnings = ast.warnings;
  const metaArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  for (const node of ast.children) {
    let inst: Instruction;
    try {
      inst = parseInstruction(node);
    } catch (e) {
      if (e instanceof InstructionError) {
        return fail(`dockerfile parse error on line ${node.range.start.line}: ${e.message}`, e.range ?? node.range, warnings, node.range.start.line);
      }
      throw e;
    }
    if (stages.length === 0 && inst.kind === 'ARG') {
      metaArgs.push(inst);
      continue;
    }
    if (inst.kind === 'FROM') {
      const st: Stage = {
        index: stages.length,
        baseName: inst.image,
        range: { start: inst.range.start, end: inst.range.end },
        from: inst,
        instructions: [],
      };
      if (inst.stageName !== undefined) st.name = inst.stageName.toLowerCase();
      if (inst.flags.platform !== undefined) st.platform = inst.flags.platform;
      stages.push(st);
      continue;
    }
    const cur = stages[stages.length - 1];
    if (!cur) return fail('no build stage in current context', node.range, warnings);
    cur.instructions.push(inst);
    cur.range = { start: cur.range.start, end: inst.range.end };
  }
  if (stages.length === 0) {
    const r = metaArgs[metaArgs.length - 1]?.range ?? whole;
    return fail('dockerfile contains no stages to build', r, warnings);
  }
  const directives: Dockerfile['directives'] = { escape: ast.escape };
  if (ast.syntax !== undefined) directives.syntax = ast.syntax;
  if (ast.check !== undefined) directives.check = ast.check;
  const dockerfile: Dockerfile = { directives, metaArgs, stages, lines: ast.lines, parseWarnings: warnings };
  return { ok: true, dockerfile, warnings };
}
