/**
 * SecretsUsedInArgOrEnv's test of a variable name (BuildKit's validateNoSecretKey word lists).
 */

const SECRET_DENY = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const SECRET_ALLOW = /(?:_|^)(?:public|file|version)(?:_|$)/i;

/** Whether an ARG or ENV name looks like it holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_DENY.test(name) && !SECRET_ALLOW.test(name);
}
