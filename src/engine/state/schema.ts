// Hand-written schemas for saved state. A saved lab comes from IndexedDB, which another version of the
// lab (or a broken write) may have filled, so each part checks its state against a schema before it
// takes it. A failure throws SavedStateError naming the field, in words for the learner.
//
// A schema is data, kept small because it ships with the lab:
//   'text' 'number' 'whole' 'bool' 'sha256' 'record' 'bytes'   a value of that kind
//   'texts'                      a record whose every field is text (variables, labels)
//   'dir' 'node' 'changes'       a filesystem tree, one node, a layer's changes (shared nodes checked once)
//   'a|b|c'                      one of these words
//   '…?'  or  ['?', schema]      optional: absent, or valid
//   [schema]                     a list
//   ['pairs', schema]            a Map saved as [text, value] pairs
//   { field: schema, … }         a record with at least these fields

import { SavedStateError } from './error.ts';

export { SavedStateError };

export type Schema = string | readonly Schema[] | { readonly [field: string]: Schema };

function bad(at: string, what: string): never {
  throw new SavedStateError(`${at} ${what}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map);

const KINDS: Record<string, [(v: unknown) => boolean, string]> = {
  text: [(v) => typeof v === 'string', 'text'],
  number: [(v) => Number.isFinite(v), 'a number'],
  whole: [(v) => Number.isSafeInteger(v) && (v as number) >= 0, 'a whole number'],
  bool: [(v) => typeof v === 'boolean', 'true or false'],
  sha256: [(v) => typeof v === 'string' && /^sha256:[0-9a-f]{64}$/.test(v), 'a sha256 digest'],
  record: [isRecord, 'a record'],
  texts: [(v) => isRecord(v) && Object.values(v).every((x) => typeof x === 'string'), 'a record of text'],
  bytes: [(v) => v instanceof Uint8Array, 'bytes'],
};

const NODE: Schema = { type: 'file|dir|symlink', mode: 'whole', uid: 'whole', gid: 'whole', mtime: 'number' };
const CHANGE: Schema = { kind: 'added|modified|deleted', path: 'text' };

/** Checks saved state against schemas. One checker per state read: it remembers the tree nodes it has checked. */
export class StateChecker {
  private readonly seen = new WeakSet<object>();

  check(schema: Schema, v: unknown, at: string): void {
    if (typeof schema === 'string') {
      if (schema.endsWith('?')) {
        if (v === undefined) return;
        schema = schema.slice(0, -1);
      }
      if (schema === 'dir' || schema === 'node') return this.node(v, at, schema === 'dir');
      if (schema === 'changes') {
        this.check([CHANGE], v, at);
        (v as { kind: string; node: unknown }[]).forEach((c, i) => c.kind !== 'deleted' && this.node(c.node, `${at}[${i}].node`, false));
        return;
      }
      const kind = KINDS[schema];
      if (kind ? !kind[0](v) : !schema.split('|').includes(v as string)) bad(at, `is not ${kind ? kind[1] : `one of ${schema.replaceAll('|', ', ')}`}`);
    } else if (Array.isArray(schema)) {
      if (schema[0] === '?') return v === undefined ? undefined : this.check(schema[1]!, v, at);
      if (!Array.isArray(v)) bad(at, 'is not a list');
      const [item, value] = schema as readonly Schema[];
      v.forEach((x, i) => {
        if (item !== 'pairs') return this.check(item!, x, `${at}[${i}]`);
        if (!Array.isArray(x) || x.length !== 2 || typeof x[0] !== 'string') bad(`${at}[${i}]`, 'is not a pair');
        this.check(value!, x[1], `${at}[${i}][1]`);
      });
    } else {
      if (!isRecord(v)) bad(at, 'is not a record');
      for (const k in schema) this.check((schema as Record<string, Schema>)[k]!, v[k], `${at}.${k}`);
    }
  }

  /**
   * The `version` of a part's state (a record): formats up to `known` are read (older ones migrated by the
   * part); a higher one was saved by a newer lab.
   */
  version(state: unknown, known: number, at: string): void {
    this.check({ version: 'whole' }, state, at);
    const v = (state as { version: number }).version;
    if (v > known) bad(at, `was saved by a newer version of the lab (format ${v}; this one reads up to ${known})`);
    if (v < 1) bad(`${at}.version`, 'is not a known format');
  }

  private node(v: unknown, at: string, dirOnly: boolean): void {
    this.check(NODE, v, at);
    const n = v as Record<string, unknown>;
    if (dirOnly && n['type'] !== 'dir') bad(at, 'is not a directory');
    if (this.seen.has(n)) return;
    if (n['type'] === 'symlink') this.check('text', n['target'], `${at}.target`);
    else if (n['type'] === 'file') {
      const c = n['content'];
      this.check({ kind: 'bytes|generated' }, c, `${at}.content`);
      this.check((c as { kind: string }).kind === 'bytes' ? { data: 'bytes' } : { seed: 'text', size: 'whole', repeat: 'number' }, c, `${at}.content`);
    } else {
      if (!(n['entries'] instanceof Map)) bad(`${at}.entries`, 'is not a directory listing');
      for (const [name, child] of n['entries'] as Map<unknown, unknown>) {
        if (typeof name !== 'string' || name === '' || name.includes('/')) bad(at, 'has an entry with an invalid name');
        this.node(child, `${at === '/' ? '' : at}/${name}`, false);
      }
    }
    this.seen.add(n);
  }
}
