/**
 * BuildKit's BFlags: each instruction declares the `--flags` it accepts, then parses the ones on its line
 * with BuildKit's messages (unknown flag with a suggestion, duplicate, missing value, bad boolean).
 */
import type { RawFlag } from '../types.ts';
import { withSuggestion } from '../text.ts';
import { InstructionError } from './errors.ts';

export type FlagType = 'bool' | 'string' | 'strings';

export class Flags {
  /** Defined flags in definition order (only kept when the line has flags). */
  private defs: Array<[string, FlagType]> | undefined;
  /** Values of the flags given: boolean, string, or the list of a repeatable flag. */
  private vals: Record<string, boolean | string | string[]> | undefined;
  private raw: RawFlag[];
  constructor(raw: RawFlag[]) {
    this.raw = raw;
  }
  /** Whether the flag was given. */
  has(name: string): boolean {
    return this.vals !== undefined && Object.hasOwn(this.vals, name);
  }
  add(name: string, type: FlagType): this {
    // Without flags on the line there is nothing to check; defaults are answered by str/bool/list.
    if (this.raw.length === 0) return this;
    (this.defs ??= []).push([name, type]);
    return this;
  }
  parse(): void {
    if (this.raw.length === 0) return;
    const defs = this.defs ?? [];
    const vals: Record<string, boolean | string | string[]> = (this.vals = {});
    for (const f of this.raw) {
      const a = f.text;
      if (a === '--') return;
      if (!a.startsWith('--')) throw new InstructionError(`arg should start with -- : ${a}`, f.range);
      const eq = a.indexOf('=');
      const flagName = eq < 0 ? a : a.slice(0, eq);
      const value = eq < 0 ? '' : a.slice(eq + 1);
      const hasValue = eq >= 0;
      const name = flagName.slice(2);
      const type = defs.find((d) => d[0] === name)?.[1];
      if (type === undefined) {
        const names = defs.map((d) => d[0]);
        throw new InstructionError(withSuggestion(`unknown flag: ${flagName}`, name, names, true), f.range);
      }
      const seen = Object.hasOwn(vals, name);
      if (seen && type !== 'strings') throw new InstructionError(`duplicate flag specified: ${flagName}`, f.range);
      if (type === 'bool') {
        if (hasValue && value === '') throw new InstructionError(`missing a value on flag: ${flagName}`, f.range);
        const v = value.toLowerCase();
        if (v === 'true' || v === '') vals[name] = true;
        else if (v === 'false') vals[name] = false;
        else throw new InstructionError(`expecting boolean value for flag ${flagName}, not: ${value}`, f.range);
      } else if (!hasValue) {
        throw new InstructionError(`missing a value on flag: ${flagName}`, f.range);
      } else if (type === 'string') {
        vals[name] = value;
      } else {
        const list = seen ? (vals[name] as string[]) : (vals[name] = []);
        list.push(value);
      }
    }
  }
  private get(name: string): boolean | string | string[] | undefined {
    return this.vals !== undefined && Object.hasOwn(this.vals, name) ? this.vals[name] : undefined;
  }
  str(name: string): string | undefined {
    const v = this.get(name);
    return typeof v === 'string' && v !== '' ? v : undefined;
  }
  bool(name: string): boolean {
    return this.get(name) === true;
  }
  list(name: string): string[] {
    const v = this.get(name);
    return Array.isArray(v) ? v : [];
  }
  /** The raw value of a string flag ("" when given empty), undefined when absent. */
  raw1(name: string): string | undefined {
    const v = this.get(name);
    return typeof v === 'string' ? v : undefined;
  }
}
