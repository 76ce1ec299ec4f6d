/** The silences' rules the browser checks too (the database checks them again). */

/** What a silence can cover: a tank, a truck, a depot (the database holds the same list). */
export const SILENCE_ENTITY_TYPES = ['citerne', 'cours_de_route', 'depot'] as const;
export type SilenceEntityType = (typeof SILENCE_ENTITY_TYPES)[number];

export const SILENCE_REASON_MAX_LENGTH = 500;
