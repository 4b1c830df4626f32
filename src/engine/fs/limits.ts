// Limits on what the lab's filesystems hold as real bytes. Bulk content (binaries, libraries, what
// package installs unpack) is generated on demand from a seed and costs no memory, so only content the
// lab must keep byte for byte counts: text a RUN writes (echo, cat, sed, redirections). Without a bound,
// a doubling loop such as `cat /f /f > /g; cat /g /g > /f` grows a file past what a browser tab can hold.
// These are the lab's own choices, not Docker's: a real container writes to disk.

export const FILE_LIMITS = {
  /** Bytes of one file held as real bytes. */
  fileBytes: 32 * 1024 * 1024,
  /** Real bytes one RUN may write in all (its files may be rewritten many times). */
  runBytes: 128 * 1024 * 1024,
};

export function fileTooLargeMessage(path: string): string {
  return `In this lab, one file may hold at most ${FILE_LIMITS.fileBytes} bytes of written text (${FILE_LIMITS.fileBytes / 1048576} MiB); ${path} would be larger, so this RUN was stopped there.`;
}

export function runTooMuchTextMessage(): string {
  return `In this lab, one RUN may write at most ${FILE_LIMITS.runBytes} bytes of text (${FILE_LIMITS.runBytes / 1048576} MiB) in all; this one was stopped there.`;
}
