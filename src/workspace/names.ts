// File names are data: before a command prints one to a terminal, its control characters (C0, DEL and
// C1, which a terminal would act on: clear the screen, switch screens…) are shown as `?`, one per
// character, as busybox's `ls` does on a terminal (libbb/printable_string.c) and GNU ls with `-q`.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The name with each control character replaced by `?`. */
export function printableName(name: string): string {
  return name.replace(CONTROL, '?');
}


/**
 * A path as git prints it with core.quotePath on (its default): unchanged when it is plain printable
 * ASCII, otherwise in double quotes with C escapes (\t, \n, \", \\) and every other control or
 * non-ASCII byte as \ooo octal of its UTF-8 bytes (quote_c_style in git's quote.c).
 */
export function gitQuotePath(path: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f"\\\u007f-\uffff]/.test(path)) return path;
  let out = '"';
  for (const byte of new TextEncoder().encode(path)) {
    // BEL…CR have letter escapes (\a \b \t \n \v \f \r), as have " and \.
    const letter = byte >= 7 && byte <= 13 ? 'abtnvfr'[byte - 7] : byte === 0x22 || byte === 0x5c ? String.fromCharCode(byte) : '';
    out += letter ? '\\' + letter : byte < 0x20 || byte >= 0x7f ? '\\' + byte.toString(8).padStart(3, '0') : String.fromCharCode(byte);
  }
  return out + '"';
}

/** Like printableName for a message of several lines: newlines and tabs stay. */
export function printableText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}
