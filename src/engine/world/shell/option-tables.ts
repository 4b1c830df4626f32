// The option letters and long names of the real programs (GNU coreutils, grep, sed, findutils and
// tar from their manuals; busybox applets from each applet's usage text), so that the lab never
// calls a real option unknown. Loaded with the shell's extras (lazy.ts).

export interface OptionSet {
  /** Option letters. */
  short: string;
  /** Long option names, without dashes. */
  long?: string;
}

export const GNU_OPTIONS: Record<string, OptionSet> = {
  ls: { short: 'aAbBcCdDfFgGhHiIklLmnNopqQrRsStTuUvwxXZ1', long: 'all almost-all author escape block-size ignore-backups color classify file-type directory dired format full-time group-directories-first no-group human-readable si dereference-command-line dereference-command-line-symlink-to-dir hide hyperlink indicator-style inode ignore kibibytes dereference literal numeric-uid-gid hide-control-chars show-control-chars quote-name quoting-style reverse recursive size sort time time-style tabsize width context zero' },
  grep: { short: 'ABCDEFGHILPRTUVZabcdefhilmnoqrsuvwxyz0123456789', long: 'extended-regexp fixed-strings basic-regexp perl-regexp regexp file ignore-case no-ignore-case word-regexp line-regexp null-data no-messages invert-match max-count byte-offset line-number line-buffered with-filename no-filename label only-matching quiet silent binary-files text directories devices recursive dereference-recursive include exclude exclude-from exclude-dir files-without-match files-with-matches count initial-tab null before-context after-context context color colour binary' },
  sed: { short: 'bEefilnrsuz', long: 'quiet silent debug expression file follow-symlinks in-place line-length null-data zero-terminated posix regexp-extended separate sandbox unbuffered binary' },
  cp: { short: 'abdfHilLnPpRrsStTuvxZ', long: 'archive attributes-only backup copy-contents debug force interactive link dereference no-clobber no-dereference preserve no-preserve parents recursive reflink remove-destination sparse strip-trailing-slashes symbolic-link suffix target-directory no-target-directory update verbose keep-directory-symlink one-file-system context' },
  mv: { short: 'bfinStTuvZ', long: 'backup debug exchange force interactive no-clobber no-copy strip-trailing-slashes suffix target-directory no-target-directory update verbose context' },
  rm: { short: 'dfiIrRv', long: 'force interactive one-file-system no-preserve-root preserve-root recursive dir verbose' },
  rmdir: { short: 'pv', long: 'ignore-fail-on-non-empty parents verbose' },
  mkdir: { short: 'mpvZ', long: 'mode parents verbose context' },
  chmod: { short: 'cfvR', long: 'changes silent quiet verbose dereference no-dereference no-preserve-root preserve-root reference recursive' },
  chown: { short: 'cfhvRHLP', long: 'changes dereference no-dereference from no-preserve-root preserve-root quiet silent reference recursive verbose' },
  chgrp: { short: 'cfhvRHLP', long: 'changes dereference no-dereference no-preserve-root preserve-root quiet silent reference recursive verbose' },
  touch: { short: 'acdfhmrt', long: 'no-create date no-dereference reference time' },
  ln: { short: 'bdfFinLPrsStTv', long: 'backup directory force interactive logical no-dereference physical relative symbolic suffix target-directory no-target-directory verbose' },
  cat: { short: 'AbeEnstTuv', long: 'show-all number-nonblank show-ends number squeeze-blank show-tabs show-nonprinting' },
  head: { short: 'cnqvz0123456789', long: 'bytes lines quiet silent verbose zero-terminated' },
  tail: { short: 'cfFnqsvz0123456789', long: 'bytes follow lines max-unchanged-stats pid quiet retry silent sleep-interval verbose zero-terminated' },
  wc: { short: 'cmlLw', long: 'bytes chars lines files0-from max-line-length words total' },
  sort: { short: 'bdfgiMhnRrVcCkmosStTuz', long: 'ignore-leading-blanks dictionary-order ignore-case general-numeric-sort ignore-nonprinting month-sort human-numeric-sort numeric-sort random-sort random-source reverse sort version-sort batch-size check compress-program debug files0-from key merge output stable buffer-size field-separator temporary-directory parallel unique zero-terminated' },
  uniq: { short: 'cdDfiszuw', long: 'count repeated all-repeated skip-fields group ignore-case skip-chars unique zero-terminated check-chars' },
  cut: { short: 'bcdfnsz', long: 'bytes characters delimiter fields complement only-delimited output-delimiter zero-terminated' },
  tr: { short: 'cCdst', long: 'complement delete squeeze-repeats truncate-set1' },
  tee: { short: 'aip', long: 'append ignore-interrupts output-error' },
  du: { short: '0abBcdDhHklLmPsStxX', long: 'null all apparent-size block-size bytes total dereference-args max-depth human-readable inodes dereference count-links no-dereference separate-dirs si summarize threshold time time-style exclude-from exclude one-file-system' },
  env: { short: '0iuvCPS', long: 'null ignore-environment unset chdir default-signal ignore-signal block-signal list-signal-handling debug split-string' },
  id: { short: 'agGnruzZ', long: 'context group groups name real user zero' },
  date: { short: 'dfIRrsu', long: 'date debug file iso-8601 resolution rfc-email rfc-3339 reference set utc universal' },
  mktemp: { short: 'dpqtu', long: 'directory dry-run quiet suffix tmpdir' },
  uname: { short: 'asnrvmpio', long: 'all kernel-name nodename kernel-release kernel-version machine processor hardware-platform operating-system' },
  seq: { short: 'fsw', long: 'format separator equal-width' },
  basename: { short: 'asz', long: 'multiple suffix zero' },
  dirname: { short: 'z', long: 'zero' },
  nproc: { short: '', long: 'all ignore' },
  tar: { short: 'AcdrtuxabBCfFgGhiIjJkKlLmMnNoOpPRsStTUvVwWXzZ', long: 'catenate concatenate create delete diff compare append list test-label update extract get absolute-names directory file gzip gunzip bzip2 xz zstd auto-compress keep-old-files overwrite no-same-owner same-owner no-same-permissions same-permissions preserve-permissions strip-components transform xform exclude exclude-from exclude-vcs exclude-caches wildcards no-wildcards verbose verify owner group mode mtime numeric-owner sort totals checkpoint warning to-stdout to-command use-compress-program one-file-system dereference hard-dereference recursion no-recursion null anchored no-anchored ignore-case files-from' },
};

/** busybox applets as Alpine builds them (option letters from each applet's usage text). */
export const BUSYBOX_OPTIONS: Record<string, OptionSet> = {
  ls: { short: '1AaCxdLHRFplinshrSXvctuw' },
  grep: { short: 'HhnlLcoqsrRivwxFEzmABCef' },
  sed: { short: 'inrEfe' },
  cp: { short: 'arPLHpfinlsTuRdvt' },
  mv: { short: 'finTtv' },
  rm: { short: 'irfRv' },
  rmdir: { short: 'p' },
  mkdir: { short: 'mp' },
  chmod: { short: 'Rcvf' },
  chown: { short: 'RhLHPcvf' },
  touch: { short: 'chamdtr' },
  ln: { short: 'sfnbtvST' },
  cat: { short: 'nbvteAu' },
  head: { short: 'ncqv' },
  tail: { short: 'ncfFqsv' },
  wc: { short: 'cmlwL' },
  sort: { short: 'nrughMcszbdfiokt' },
  uniq: { short: 'cduizfsw' },
  cut: { short: 'bcdfsnO' },
  tr: { short: 'cds' },
  tee: { short: 'ai' },
  du: { short: 'aHLdclsxhmk' },
  env: { short: 'i0u' },
  id: { short: 'ugGnr' },
  mktemp: { short: 'dtpuq' },
  uname: { short: 'amnrspvio' },
  seq: { short: 'ws' },
  tar: { short: 'cxtZzJjahmvokOfCTX' },
  wget: { short: 'cqSOoPYUTt', long: 'spider header post-data post-file no-check-certificate output-document quiet continue server-response directory-prefix user-agent timeout tries no-verbose' },
};

