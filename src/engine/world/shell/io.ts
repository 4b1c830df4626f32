// The shell's dialects and its standard streams.

export type Dialect = 'ash' | 'dash' | 'bash';

export interface Sink {
  write(text: string): void;
}

export interface IO {
  stdin: string;
  stdout: Sink;
  stderr: Sink;
}
