// The editor's token kinds. Each maps to one CSS class (lab-tok-<kind>) coloured from lab.css's
// --lab-hl-* variables, so both site themes keep AA contrast.

export type TokenKind = 'keyword' | 'string' | 'comment' | 'number' | 'name' | 'type' | 'meta' | 'invalid';

/** A highlighted range of the text, as UTF-16 offsets [from, to). */
export interface Token {
  readonly from: number;
  readonly to: number;
  readonly kind: TokenKind;
}

/** Turns a document's text into tokens sorted by `from`, never overlapping. Must not throw. */
export type Tokenizer = (text: string) => Token[];
