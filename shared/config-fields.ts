/**
 * The checks shared/config.ts reads its settings with. Not zod: a schema library is 24.7 KB of every
 * worker's bundle (the handlers' request schemas keep zod/mini; the workers parse nothing else) for
 * one parse at cold start, and the stream dispatcher is the bundle at the 400 KiB budget.
 *
 * Each reader notes the name (or JSON path) of every value that breaks its rule and carries on, so
 * one error names them all, as a schema's issues would.
 */
export class Fields {
  constructor(
    private readonly source: Readonly<Record<string, unknown>>,
    private readonly path = '',
    readonly bad: string[] = [],
  ) {}

  /** The readers of a nested object (`at('plans', …)` notes `plans.x`), noting into this one's list. */
  at(key: string, value: unknown): Fields | undefined {
    return isRecord(value) ? new Fields(value, `${this.path}${key}.`, this.bad) : this.fail(key);
  }

  /** Notes a value that must be set and is not. */
  missing(key: string): boolean {
    if (this.source[key] !== undefined) return false;
    this.fail(key);
    return true;
  }

  fail(key: string): undefined {
    this.bad.push(`${this.path}${key}`);
    return undefined;
  }

  /** Refuses the keys this object has beyond the ones read (a misspelt limit must not pass silently). */
  refuseOtherKeys(keys: readonly string[]): void {
    for (const key of Object.keys(this.source)) if (!keys.includes(key)) this.fail(key);
  }

  keys(): string[] {
    return Object.keys(this.source);
  }

  value(key: string): unknown {
    return this.source[key];
  }

  /** Unset, or a string of at least `minLength` characters. */
  text(key: string, minLength = 0): string | undefined {
    const v = this.source[key];
    if (v === undefined) return undefined;
    return typeof v === 'string' && v.length >= minLength ? v : this.fail(key);
  }

  /** A string of at least one character, which must be set. */
  required(key: string): string {
    return this.missing(key) ? '' : (this.text(key, 1) ?? '');
  }

  /** An environment variable read as a number, as `Number()` reads it; finite, and above 0 when `positive`. */
  numeric(key: string, opts: { positive?: boolean } = {}): number | undefined {
    const v = this.source[key];
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isFinite(n) && (!opts.positive || n > 0) ? n : this.fail(key);
  }

  /** A JSON number: an integer when `int`, within the bounds given. */
  number(key: string, opts: { int?: boolean; min?: number; max?: number; above?: number } = {}): number | undefined {
    const v = this.source[key];
    if (v === undefined) return undefined;
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (!opts.int || Number.isInteger(v)) &&
      (opts.min === undefined || v >= opts.min) &&
      (opts.max === undefined || v <= opts.max) &&
      (opts.above === undefined || v > opts.above);
    return ok ? v : this.fail(key);
  }

  /** null, or a whole number of at least 0 (a limit; null is none). Unset reads as undefined. */
  limit(key: string): number | null | undefined {
    return this.source[key] === null ? null : this.number(key, { int: true, min: 0 });
  }

  boolean(key: string): boolean | undefined {
    const v = this.source[key];
    if (v === undefined) return undefined;
    return typeof v === 'boolean' ? v : this.fail(key);
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const v = this.source[key];
    if (v === undefined) return undefined;
    return values.includes(v as T) ? (v as T) : this.fail(key);
  }

  /** The message every invalid setting ends in: `Invalid configuration: <what> <names>`. */
  throwIfBad(what = ''): void {
    if (this.bad.length > 0) throw new Error(`Invalid configuration: ${what ? `${what} ` : ''}${this.bad.join(', ')}`);
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A setting holding JSON: parsed, or the error that says which setting is not JSON. */
export function jsonSetting(name: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new Error(`Invalid configuration: ${name} is not JSON`);
  }
}
