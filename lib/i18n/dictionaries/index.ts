import type { Locale } from '../locales';
import { alerts } from './alerts';
import { audit } from './audit';
import { auth } from './auth';
import { common } from './common';
import { integrity } from './integrity';
import { notifications } from './notifications';
import { review } from './review';
import { runbooks } from './runbooks';
import { security } from './security';
import { silences } from './silences';
import { syncHealth } from './sync-health';
import { versions } from './versions';
import { vocabulary } from './vocabulary';

/**
 * Every string the console shows, French first (the users' working language), English second: one
 * file per feature, each holding both languages side by side, `en` typed against `fr` so a key
 * missing in either fails the typecheck. Placeholders in braces (`{name}`) are filled by
 * `interpolate()` from ../format; a count that changes the words is a `{ one, other }` pair for
 * `plural()`. The server holds all of it; a page hands the browser only the keys its client
 * components read (../messages.ts).
 */
export type Dictionary = typeof common.fr &
  typeof auth.fr &
  typeof vocabulary.fr &
  typeof integrity.fr &
  typeof alerts.fr &
  typeof audit.fr &
  typeof versions.fr &
  typeof security.fr &
  typeof runbooks.fr &
  typeof syncHealth.fr &
  typeof notifications.fr &
  typeof silences.fr &
  typeof review.fr;

const features = [
  common,
  auth,
  vocabulary,
  integrity,
  alerts,
  audit,
  versions,
  security,
  runbooks,
  syncHealth,
  notifications,
  silences,
  review,
] as const;

function assemble(locale: Locale): Dictionary {
  return Object.assign({}, ...features.map((feature) => feature[locale])) as Dictionary;
}

export const dictionaries: Record<Locale, Dictionary> = { fr: assemble('fr'), en: assemble('en') };

export { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALES, type Locale } from '../locales';
