declare const names: unique symbol;

/**
 * A sentence of a catalogue with named placeholders (`{org}`), `P` their names. The names live only in
 * the type (the value is the JSON's string), so `fill` asks for exactly them.
 */
export type Template<P extends string> = string & { readonly [names]?: P };

/**
 * The sentence with each `{name}` replaced by its value, in one pass over the template: a value that
 * itself reads `{org}` (an inviter may call themselves that) is never filled in again. The result is
 * plain text, escaped whole by the HTML part as any sentence is.
 */
export const fill = <P extends string>(template: Template<P>, values: Readonly<Record<NoInfer<P>, string>>): string =>
  // a name without a value stays as written (the catalogue test finds it), never the word "undefined"
  template.replace(/\{(\w+)\}/g, (written, name: P) => values[name] ?? written);
