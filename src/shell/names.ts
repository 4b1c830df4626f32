// File names are data: before a command prints one to a terminal, its control characters (C0, DEL and
// C1, which a terminal would act on: clear the screen, switch screens…) are shown as `?`, one per
// character, as busybox's `ls` does on a terminal (libbb/printable_string.c) and GNU ls with `-q`.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The name with each control character replaced by `?`. */
export function printableName(name: string): string {
  return name.replace(CONTROL, '?');
}

