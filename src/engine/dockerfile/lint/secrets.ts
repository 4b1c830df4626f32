/**
 * SecretsUsedInArgOrEnv: an ARG or ENV whose name looks like it holds a secret (BuildKit's
 * validateNoSecretKey word lists).
 */
import type { SourceRange } from '../types.ts';
import type { Sink } from './sink.ts';

const SECRET_DENY = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const SECRET_ALLOW = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export function secretNameRule(sink: Sink, keyword: 'ARG' | 'ENV', name: string, range: SourceRange): void {
  if (SECRET_DENY.test(name) && !SECRET_ALLOW.test(name)) {
    sink.add('SecretsUsedInArgOrEnv', `Do not use ARG or ENV instructions for sensitive data (${keyword} "${name}")`, range);
  }
}
