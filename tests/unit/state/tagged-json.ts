// The lab saves the engine's state with IndexedDB's structured clone, which keeps Maps, byte arrays and
// shared references (one subtree held by an image, a cache record and a container is stored once). A
// test fixture is JSON, so it marks them: {"$map": [[k, v], …]}, {"$bytes": "<base64>"}, and an object
// met more than once is written once as {"$def": n, "$value": …} and then as {"$ref": n}. Decoding
// gives back what the lab would have read from IndexedDB, sharing included.

export function encodeTagged(root: unknown): unknown {
  const seen = new Map<object, number>();
  const count = (v: unknown): void => {
    if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
    const n = seen.get(v) ?? 0;
    seen.set(v, n + 1);
    if (n > 0) return;
    if (v instanceof Map) for (const [k, x] of v) (count(k), count(x));
    else if (v instanceof Set) for (const x of v) count(x);
    else for (const x of Object.values(v)) count(x);
  };
  count(root);
  const ids = new Map<object, number>();
  const enc = (v: unknown): unknown => {
    if (!v || typeof v !== 'object') return v;
    if (v instanceof Uint8Array) return { $bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    const id = ids.get(v);
    if (id !== undefined) return { $ref: id };
    const shared = (seen.get(v) ?? 0) > 1;
    if (shared) ids.set(v, ids.size);
    let out: unknown;
    if (v instanceof Map) out = { $map: [...v].map(([k, x]) => [enc(k), enc(x)]) };
    else if (v instanceof Set) out = { $set: [...v].map(enc) };
    else if (Array.isArray(v)) out = v.map(enc);
    else {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = enc(x);
      out = o;
    }
    return shared ? { $def: ids.get(v), $value: out } : out;
  };
  return enc(root);
}

export function decodeTagged(root: unknown): unknown {
  const defs = new Map<number, unknown>();
  const dec = (v: unknown): unknown => {
    if (!v || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(dec);
    const o = v as Record<string, unknown>;
    if (typeof o['$ref'] === 'number') return defs.get(o['$ref']);
    if (typeof o['$def'] === 'number') {
      // Fill the object in place so references inside it (there are none in a tree) would resolve too.
      const inner = o['$value'] as Record<string, unknown>;
      let made: unknown;
      if (Array.isArray(inner)) made = [];
      else if (inner && Array.isArray(inner['$map'])) made = new Map();
      else if (inner && Array.isArray(inner['$set'])) made = new Set();
      else made = {};
      defs.set(o['$def'], made);
      const value = dec(inner);
      if (made instanceof Map) for (const [k, x] of value as Map<unknown, unknown>) made.set(k, x);
      else if (made instanceof Set) for (const x of value as Set<unknown>) made.add(x);
      else if (Array.isArray(made)) made.push(...(value as unknown[]));
      else Object.assign(made as object, value);
      return made;
    }
    if (Array.isArray(o['$map'])) return new Map((o['$map'] as [unknown, unknown][]).map(([k, x]) => [dec(k), dec(x)]));
    if (typeof o['$bytes'] === 'string') return new Uint8Array(Buffer.from(o['$bytes'], 'base64'));
    if (Array.isArray(o['$set'])) return new Set((o['$set'] as unknown[]).map(dec));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = dec(x);
    return out;
  };
  return dec(root);
}
