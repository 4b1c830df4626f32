import { describe, expect, it } from 'vitest';
import { envelope, MAX_COMMAND_CHARS, MAX_MESSAGE_BYTES, parseLabMessage, parseRequest, ProtocolError } from '../../../src/embed/protocol.ts';

const req = (type: string, payload?: unknown, id: unknown = 'r1', version: unknown = 1) => ({ name: 'layerlab', version, id, type, payload });

describe('embed protocol: requests from the host', () => {
  it('accepts each request type with a valid payload', () => {
    expect(parseRequest(req('run', { command: 'docker images' }))).toEqual({ id: 'r1', type: 'run', payload: { command: 'docker images' } });
    expect(parseRequest(req('reset'))).toEqual({ id: 'r1', type: 'reset', payload: {} });
    expect(parseRequest(req('check', {}))).toEqual({ id: 'r1', type: 'check', payload: {} });
    expect(parseRequest(req('snapshot'))).toEqual({ id: 'r1', type: 'snapshot', payload: {} });
    expect(parseRequest(req('theme', { theme: 'dark' }))).toEqual({ id: 'r1', type: 'theme', payload: { theme: 'dark' } });
    const snapshot = { format: 'layerlab-snapshot', version: 1, zip: new Uint8Array([80, 75]) };
    expect(parseRequest(req('restore', { snapshot })).payload).toEqual({ snapshot });
  });

  it('refuses malformed requests with a reason, keeping the id when there is one', () => {
    const cases: [unknown, RegExp, string | undefined][] = [
      [null, /not a Layerlab message/, undefined],
      ['layerlab', /not a Layerlab message/, undefined],
      [{ name: 'other', type: 'run' }, /not a Layerlab message/, undefined],
      [req('run', { command: 'ls' }, null), /needs an id/, undefined],
      [req('run', { command: 'ls' }, 'x'.repeat(65)), /needs an id/, undefined],
      [req('run', { command: 'ls' }, 'r2', 2), /version 2 is not supported/, 'r2'],
      [req('eval', { code: 'alert(1)' }), /unknown request type "eval"/, 'r1'],
      [req('__proto__'), /unknown request type/, 'r1'],
      [req('run', 'ls'), /payload of run must be an object/, 'r1'],
      [req('run', { command: 42 }), /run needs \{ command: string \}/, 'r1'],
      [req('run', { command: 'a'.repeat(MAX_COMMAND_CHARS + 1) }), /longer than 4096/, 'r1'],
      [req('run', { command: 'ls\nrm -rf /' }), /without line breaks/, 'r1'],
      [req('theme', { theme: '<b>x</b>' }), /theme needs/, 'r1'],
      [req('restore', { snapshot: { format: 'layerlab-snapshot', version: 1, zip: 'UEs=' } }), /restore needs/, 'r1'],
      [req('run', { command: 'ls', pad: 'x'.repeat(MAX_MESSAGE_BYTES / 2 + 1) }), /larger than/, 'r1'],
    ];
    for (const [data, message, id] of cases) {
      let caught: unknown;
      try {
        parseRequest(data);
      } catch (err) {
        caught = err;
      }
      expect(caught, JSON.stringify(data)?.slice(0, 80)).toBeInstanceOf(ProtocolError);
      expect((caught as ProtocolError).message).toMatch(message);
      expect((caught as ProtocolError).id).toBe(id);
    }
  });

  it('does not hang on a deeply nested payload', () => {
    let deep: Record<string, unknown> = {};
    const top = deep;
    for (let i = 0; i < 100_000; i++) {
      const next = {};
      deep.a = next;
      deep = next;
    }
    expect(() => parseRequest(req('run', { command: 'ls', x: top }))).toThrow(/larger than/);
  });
});

describe('embed protocol: messages from the lab, as the host element reads them', () => {
  it('keeps replies, errors and known events, and drops anything else', () => {
    expect(parseLabMessage(envelope('ready', { version: 1 }))).toEqual({ type: 'ready', id: undefined, payload: { version: 1 } });
    expect(parseLabMessage(envelope('reply', { code: 0 }, 'r3'))).toEqual({ type: 'reply', id: 'r3', payload: { code: 0 } });
    expect(parseLabMessage(envelope('error', { message: 'no' }, 'r3'))?.type).toBe('error');
    expect(parseLabMessage(envelope('explode'))).toBeNull();
    expect(parseLabMessage({ ...envelope('ready'), version: 9 })).toBeNull();
    expect(parseLabMessage({ ...envelope('reply'), id: 7 })).toBeNull();
    expect(parseLabMessage('ready')).toBeNull();
  });
});
