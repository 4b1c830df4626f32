/**
 * RUN --mount: BuildKit's parseMount (commands_runmount.go), with its CSV field splitting and the Go
 * value parsers it relies on.
 */
import type { MountSpec, MountType } from '../types.ts';
import { goQuote, parseGoBool, withSuggestion } from '../text.ts';
import { InstructionError } from './errors.ts';

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
      case 'ro':
      case 'readwrite':
      case 'rw': {
        const b = parseGoBool(value);
        if (b === undefined) bad(`invalid value for ${key}: ${value}`);
        else {
          m.readOnly = key === 'readonly' || key === 'ro' ? b : !b;
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
