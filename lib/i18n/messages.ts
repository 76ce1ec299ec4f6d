import type { Dictionary } from './dictionaries';

/**
 * What the browser gets of the dictionary: each client component declares the strings it reads
 * (a spec, in a plain module beside it so the server can import it too), and the layout or page
 * that renders those components hands the browser exactly the union of their specs
 * (`pickMessages`, then an I18nProvider / MessagesProvider). The component reads them through
 * `useI18n(spec)`, typed to those keys only; a spec its provider did not include fails loudly.
 * Pure: no server or browser API.
 */
export type Section = keyof Dictionary;

/** Per section, the keys a component reads, or `true` for a section it reads by key at run time (check codes). */
export type MessageSpec = { readonly [S in Section]?: true | readonly (keyof Dictionary[S])[] };

/** The strings a spec selects: those keys of those sections, nothing else. */
export type MessagesOf<Spec extends MessageSpec> = {
  [S in keyof Spec & Section]: Spec[S] extends readonly (infer K extends keyof Dictionary[S])[] ? Pick<Dictionary[S], K> : Dictionary[S];
};

/** What a provider hands the browser: some keys of some sections. */
export type ClientMessages = { [S in Section]?: Partial<Dictionary[S]> };

/** A component's spec, its key lists kept as literal types (so `useI18n(spec)` types `dict` by them). */
export function defineMessages<const Spec extends MessageSpec>(spec: Spec): Spec {
  return spec;
}

function entries(spec: MessageSpec): [Section, true | readonly PropertyKey[]][] {
  return Object.entries(spec) as [Section, true | readonly PropertyKey[]][];
}

/** The strings `specs` select from the viewer's dictionary: what one provider sends the browser. */
export function pickMessages(dict: Dictionary, specs: readonly MessageSpec[]): ClientMessages {
  const picked: Record<string, Record<PropertyKey, unknown>> = {};
  for (const spec of specs) {
    for (const [section, keys] of entries(spec)) {
      const source = dict[section] as Record<PropertyKey, unknown>;
      const target = (picked[section] ??= {});
      for (const key of keys === true ? Object.keys(source) : keys) target[key] = source[key];
    }
  }
  return picked as ClientMessages;
}

/** A nested provider's strings added to those of the providers above it. */
export function mergeMessages(outer: ClientMessages, inner: ClientMessages): ClientMessages {
  const merged: Record<string, object> = { ...outer };
  for (const [section, strings] of Object.entries(inner)) merged[section] = { ...merged[section], ...strings };
  return merged as ClientMessages;
}

/** The `section.key`s a spec reads that `messages` lacks (for `true`, the section itself). */
export function missingMessages(messages: ClientMessages, spec: MessageSpec): string[] {
  const missing: string[] = [];
  for (const [section, keys] of entries(spec)) {
    const strings = messages[section] as Record<PropertyKey, unknown> | undefined;
    if (!strings) missing.push(keys === true ? section : `${section}.*`);
    else if (keys !== true) for (const key of keys) if (!(key in strings)) missing.push(`${section}.${String(key)}`);
  }
  return missing;
}
