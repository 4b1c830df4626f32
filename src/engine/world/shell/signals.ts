// The exceptions that unwind the interpreter: `exit`, `return`, and `break`/`continue` out of loops.

export class ExitSignal extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}

export class ReturnSignal extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`return ${code}`);
    this.code = code;
  }
}

export class LoopSignal extends Error {
  readonly kind: 'break' | 'continue';
  levels: number;
  constructor(kind: 'break' | 'continue', levels: number) {
    super(kind);
    this.kind = kind;
    this.levels = levels;
  }
}

