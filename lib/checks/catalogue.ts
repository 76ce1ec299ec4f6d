import 'server-only';
import type { Locale } from '@/lib/i18n/locales';

/**
 * Every check code the database can emit, in one place: its family (which database object
 * computes it), its label and its runbook — what it means, the likely causes, what to verify and
 * who acts — in French and English side by side. The dictionaries' `checks` labels are derived
 * from here (lib/i18n/dictionaries/vocabulary.ts); the runbooks are rendered by server components
 * only (the alert page, /governance/checks), so a page carries the one runbook it shows.
 *
 * The database test supabase/tests/check-catalogue.test.ts reads the check-code literals out of
 * the live definitions (v_integrity_checks and every function it reaches) and proves both ways
 * that they and this catalogue agree; lib/checks/catalogue.test.ts that every entry is complete in
 * both languages. Adding a check: its SQL, then its entry here, in the same change.
 *
 * IMPORTANT: server-only — the runbooks of every code in both languages must not reach a browser
 * bundle (a page hands its client components labels only, through the dictionary).
 */

/**
 * The shape of a check code: capitals and digits in at least two words joined by underscores. The
 * database test finds the codes the database emits by this shape, so every code must have it.
 */
export const CHECK_CODE_PATTERN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** Who acts on an alert: the console's governance roles, and the two teams outside it. */
export const ACTORS = ['operations', 'admin', 'directeur', 'pca', 'platform'] as const;
export type Actor = (typeof ACTORS)[number];

export type Runbook = {
  /** What the alert says about the depot, in one or two sentences. */
  meaning: string;
  /** The usual reasons, most likely first. */
  causes: readonly string[];
  /** What to look at, concretely: tables, screens, people. */
  verify: readonly string[];
  /** Who does what, in the order they act. */
  actions: readonly { actor: Actor; task: string }[];
};

type Localized<T> = Record<Locale, T>;

/** The database object whose definition holds each family's checks (the test checks it). */
export const CHECK_FAMILIES = {
  stock: { source: 'public.v_integrity_checks', label: { fr: 'Stocks des citernes', en: 'Tank stocks' } },
  movements: { source: 'public.v_integrity_checks', label: { fr: 'Camions et mouvements', en: 'Trucks and movements' } },
  freshness: {
    source: 'private.data_freshness_checks()',
    label: { fr: 'Fraîcheur et complétude des données', en: 'Data freshness and completeness' },
  },
  versions: { source: 'public.v_integrity_checks', label: { fr: 'Versions', en: 'Versions' } },
  watchdog: { source: 'private.sync_watchdog_checks()', label: { fr: 'Surveillance des contrôles', en: 'Checks watchdog' } },
  guard: { source: 'private.guarded_checks()', label: { fr: 'Exécution des contrôles', en: 'Check execution' } },
  drift: { source: 'private.schema_drift_checks()', label: { fr: 'Dérive du schéma', en: 'Schema drift' } },
  posture: { source: 'private.security_findings()', label: { fr: 'Posture de sécurité (RLS)', en: 'Security posture (RLS)' } },
  securityEvents: {
    source: 'private.security_event_checks()',
    label: { fr: 'Événements de sécurité', en: 'Security events' },
  },
} as const satisfies Record<string, { source: string; label: Localized<string> }>;

export type CheckFamily = keyof typeof CHECK_FAMILIES;

export type CheckEntry = { family: CheckFamily; label: Localized<string>; runbook: Localized<Runbook> };

// Shared lines of the security posture's runbooks: every RLS_* / SEC_* finding is fixed the same way.
const POSTURE_ACTIONS_FR = [
  { actor: 'platform', task: 'Corrige par une migration (la remédiation est dans les chiffres de l’alerte), jamais à la main.' },
  { actor: 'admin', task: 'Acquitte avec la référence de la correction prévue.' },
  { actor: 'directeur', task: 'Résout une fois la migration déployée et le constat disparu de la page Sécurité.' },
] as const;
const POSTURE_ACTIONS_EN = [
  { actor: 'platform', task: 'Fixes it in a migration (the remediation is in the alert’s numbers), never by hand.' },
  { actor: 'admin', task: 'Acknowledges with the reference of the planned fix.' },
  { actor: 'directeur', task: 'Resolves once the migration is deployed and the finding is gone from the Security page.' },
] as const;
const POSTURE_ORIGIN_FR =
  'L’historique de supabase/migrations : si aucune migration n’explique l’objet, c’est un changement à la main (voir aussi SCHEMA_DRIFT).';
const POSTURE_ORIGIN_EN =
  'The history of supabase/migrations: if no migration explains the object, it was changed by hand (see also SCHEMA_DRIFT).';

const catalogue = {
  STOCK_NEGATIF: {
    family: 'stock',
    label: { fr: 'Stock négatif', en: 'Negative stock' },
    runbook: {
      fr: {
        meaning:
          'La dernière ligne du livre de stock journalier (stocks_journaliers) d’une citerne donne un stock ambiant ou à 15 °C sous zéro. Une citerne ne contient jamais moins que rien : le livre est faux.',
        causes: [
          'Une sortie saisie en double, ou sur la mauvaise citerne.',
          'Une réception oubliée, ou datée du lendemain alors que les sorties du jour sont saisies.',
          'Un jaugeage d’ouverture erroné repris dans le stock du jour.',
        ],
        verify: [
          'Les réceptions et sorties de la citerne pour le jour du stock, dans l’application des opérations : doublons, citerne, date.',
          'Le jaugeage physique de la citerne, face au stock ambiant du livre.',
          'Le stock de la veille : l’écart est-il né ce jour-là ?',
        ],
        actions: [
          { actor: 'operations', task: 'Fait jauger la citerne et corrige la saisie dans l’application des opérations.' },
          { actor: 'admin', task: 'Acquitte avec la correction demandée et à qui.' },
          { actor: 'directeur', task: 'Résout quand la ligne corrigée a levé l’anomalie (à la synchronisation suivante).' },
        ],
      },
      en: {
        meaning:
          'A tank’s latest daily stock line (stocks_journaliers) shows an ambient or 15 °C stock below zero. A tank never holds less than nothing: the book is wrong.',
        causes: [
          'An outflow entered twice, or against the wrong tank.',
          'A missing receipt, or one dated the next day while that day’s outflows are entered.',
          'A wrong opening dip carried into the day’s stock.',
        ],
        verify: [
          'The tank’s receipts and outflows for the stock day, in the operations app: duplicates, tank, date.',
          'A physical dip of the tank against the book’s ambient stock.',
          'The previous day’s stock: did the gap start that day?',
        ],
        actions: [
          { actor: 'operations', task: 'Has the tank dipped and corrects the entry in the operations app.' },
          { actor: 'admin', task: 'Acknowledges, noting the correction requested and from whom.' },
          { actor: 'directeur', task: 'Resolves once the corrected line has cleared the anomaly (at the next sync).' },
        ],
      },
    },
  },

  STOCK_OVER_CAPACITY: {
    family: 'stock',
    label: { fr: 'Stock au-delà de la capacité', en: 'Stock over capacity' },
    runbook: {
      fr: {
        meaning:
          'Le dernier stock ambiant d’une citerne dépasse sa capacité totale (citernes.capacite_totale). Soit la saisie est fausse, soit la citerne déborde : un risque pour la sécurité du dépôt.',
        causes: [
          'Une réception saisie sur la mauvaise citerne, ou avec un volume faux (unité, virgule).',
          'Une capacité totale mal renseignée dans la fiche de la citerne.',
          'Un surremplissage réel pendant un dépotage.',
        ],
        verify: [
          'D’abord la sécurité : faire jauger la citerne sur place ; au-delà de la capacité de sécurité, plus aucun dépotage vers elle.',
          'Les réceptions du jour sur cette citerne : volume, citerne, camion d’origine.',
          'La capacité de la fiche citerne face à son barème de jaugeage.',
        ],
        actions: [
          { actor: 'operations', task: 'Jauge, arrête les dépotages si le débordement est réel, corrige la saisie.' },
          { actor: 'directeur', task: 'Décide des mesures si le surremplissage est réel ; résout avec le résultat du jaugeage.' },
          { actor: 'admin', task: 'Acquitte et suit la correction.' },
        ],
      },
      en: {
        meaning:
          'A tank’s latest ambient stock exceeds its total capacity (citernes.capacite_totale). Either the entry is wrong or the tank is overfilled: a safety risk for the depot.',
        causes: [
          'A receipt entered against the wrong tank, or with a wrong volume (unit, decimal point).',
          'A wrong total capacity on the tank’s record.',
          'An actual overfill during unloading.',
        ],
        verify: [
          'Safety first: have the tank dipped on site; above its safe filling limit, no more unloading into it.',
          'The day’s receipts into this tank: volume, tank, originating truck.',
          'The capacity on the tank’s record against its gauging table.',
        ],
        actions: [
          { actor: 'operations', task: 'Dips the tank, stops unloading if it is really overfilled, corrects the entry.' },
          { actor: 'directeur', task: 'Decides what to do if the overfill is real; resolves with the dip result.' },
          { actor: 'admin', task: 'Acknowledges and follows the correction.' },
        ],
      },
    },
  },

  CDR_ARRIVE_STALE: {
    family: 'movements',
    label: { fr: 'Camion arrivé non déchargé', en: 'Truck arrived, not unloaded' },
    runbook: {
      fr: {
        meaning:
          'Un camion (cours_de_route) est au statut ARRIVE depuis plus longtemps que le seuil (governance_settings.cdr_arrive_stale_hours, 48 h par défaut) sans être passé à DECHARGE.',
        causes: [
          'Le camion a été déchargé mais son statut n’a pas été mis à jour dans l’application des opérations.',
          'Le camion attend vraiment : citerne pleine, contrôle qualité, documents de douane.',
          'Le même camion saisi deux fois.',
        ],
        verify: [
          'Au quai : le camion est-il encore là ? Plaque et transporteur sont dans les chiffres de l’alerte.',
          'Une réception liée à ce cours de route : si elle existe, seul le statut DECHARGE manque.',
          'La place libre dans les citernes de ce produit.',
        ],
        actions: [
          { actor: 'operations', task: 'Met à jour le statut, ou organise le dépotage.' },
          { actor: 'admin', task: 'Acquitte avec la cause constatée au quai.' },
          { actor: 'directeur', task: 'Résout une fois le camion déchargé ou le doublon annulé.' },
        ],
      },
      en: {
        meaning:
          'A truck (cours_de_route) has been ARRIVE for longer than the threshold (governance_settings.cdr_arrive_stale_hours, 48 h by default) without moving to DECHARGE.',
        causes: [
          'The truck was unloaded but its status was not updated in the operations app.',
          'The truck is really waiting: tank full, quality check, customs papers.',
          'The same truck entered twice.',
        ],
        verify: [
          'At the bay: is the truck still there? Plate and carrier are in the alert’s numbers.',
          'A receipt linked to this truck: if there is one, only the DECHARGE status is missing.',
          'The free space in this product’s tanks.',
        ],
        actions: [
          { actor: 'operations', task: 'Updates the status, or arranges the unloading.' },
          { actor: 'admin', task: 'Acknowledges with the cause found at the bay.' },
          { actor: 'directeur', task: 'Resolves once the truck is unloaded or the duplicate cancelled.' },
        ],
      },
    },
  },

  ECART_15C: {
    family: 'movements',
    label: { fr: 'Écart de volume à 15 °C', en: '15 °C volume deviation' },
    runbook: {
      fr: {
        meaning:
          'Le volume à 15 °C enregistré pour une réception ou une sortie s’écarte de plus de la tolérance (governance_settings.ecart_15c_tolerance_pct, 0,5 % par défaut) du volume que la base recalcule avec la table ASTM D1250 54B, à partir du volume ambiant, de la température et de la densité à 15 °C.',
        causes: [
          'Une température ou une densité mal saisie (inversion, virgule, unité).',
          'Le volume à 15 °C recopié d’un bon au lieu d’être calculé.',
          'Un calcul de l’application des opérations sur une autre table ou avec d’autres arrondis (voir sa version de calcul).',
        ],
        verify: [
          'Les chiffres de l’alerte : facteur de correction (VCF), volume attendu, volume enregistré, écart.',
          'Le bon de réception ou de sortie : température et densité relevées au jaugeage.',
          'La version de calcul de la ligne ; si plusieurs lignes de la même version sont en écart, la page Versions.',
        ],
        actions: [
          { actor: 'operations', task: 'Corrige la mesure ou le volume dans l’application des opérations.' },
          { actor: 'platform', task: 'Fait corriger l’application si l’écart vient de son calcul (nombreuses lignes, même version).' },
          { actor: 'directeur', task: 'Résout avec la correction, ou la justification de l’écart.' },
        ],
      },
      en: {
        meaning:
          'The 15 °C volume recorded for a receipt or an outflow differs by more than the tolerance (governance_settings.ecart_15c_tolerance_pct, 0.5 % by default) from the volume the database recomputes with ASTM D1250 Table 54B, from the ambient volume, the temperature and the density at 15 °C.',
        causes: [
          'A temperature or density entered wrongly (swapped, decimal point, unit).',
          'The 15 °C volume copied from a delivery note instead of computed.',
          'The operations app computing with another table or other rounding (see its calculation version).',
        ],
        verify: [
          'The alert’s numbers: correction factor (VCF), expected volume, recorded volume, deviation.',
          'The receipt or outflow note: temperature and density taken at gauging.',
          'The row’s calculation version; if several rows of the same version deviate, the Versions page.',
        ],
        actions: [
          { actor: 'operations', task: 'Corrects the measurement or the volume in the operations app.' },
          { actor: 'platform', task: 'Has the app fixed if its calculation is the cause (many rows, same version).' },
          { actor: 'directeur', task: 'Resolves with the correction, or the reason for the deviation.' },
        ],
      },
    },
  },

  STOCK_JOURNAL_MISSING: {
    family: 'freshness',
    label: { fr: 'Stock journalier manquant', en: 'Daily stock line missing' },
    runbook: {
      fr: {
        meaning:
          'Une citerne active n’a pas de ligne de stock journalier (stocks_journaliers) pour la veille, alors que l’heure limite du dépôt est passée (governance_settings.stock_journal_cutoff_hour, 10 h par défaut, ou celle du dépôt). Ce jour-là, le stock de la citerne n’est pas contrôlé.',
        causes: [
          'La journée n’a pas été clôturée : jaugeage non fait, ou non saisi.',
          'L’application des opérations n’a pas pu écrire (panne, réseau) : voir FEED_SILENT.',
          'La citerne est hors service mais toujours marquée active (citernes.actif).',
        ],
        verify: [
          'Le jour attendu et la dernière ligne enregistrée, dans les chiffres de l’alerte.',
          'Les autres citernes du dépôt : si toutes manquent, c’est l’alimentation des données, pas la citerne.',
          'Auprès du gérant : la citerne était-elle en service ce jour-là ?',
        ],
        actions: [
          { actor: 'operations', task: 'Saisit la ligne du jour à partir du jaugeage, ou fait marquer la citerne inactive.' },
          { actor: 'admin', task: 'Acquitte et relance l’équipe du dépôt.' },
          { actor: 'directeur', task: 'Résout une fois la ligne saisie ; note la cause si le jour reste sans jaugeage.' },
        ],
      },
      en: {
        meaning:
          'An active tank has no daily stock line (stocks_journaliers) for the previous day, although the depot’s cut-off hour has passed (governance_settings.stock_journal_cutoff_hour, 10:00 by default, or the depot’s own). For that day, the tank’s stock is not checked.',
        causes: [
          'The day was not closed: the dip was not taken, or not entered.',
          'The operations app could not write (outage, network): see FEED_SILENT.',
          'The tank is out of service but still marked active (citernes.actif).',
        ],
        verify: [
          'The day due and the last line recorded, in the alert’s numbers.',
          'The depot’s other tanks: if all are missing, the data feed is at fault, not the tank.',
          'With the depot manager (gérant): was the tank in service that day?',
        ],
        actions: [
          { actor: 'operations', task: 'Enters the day’s line from the dip, or has the tank marked inactive.' },
          { actor: 'admin', task: 'Acknowledges and chases the depot team.' },
          { actor: 'directeur', task: 'Resolves once the line is in; records the cause if the day stays without a dip.' },
        ],
      },
    },
  },

  FEED_SILENT: {
    family: 'freshness',
    label: { fr: 'Flux de données silencieux', en: 'Data feed silent' },
    runbook: {
      fr: {
        meaning:
          'Aucune réception, sortie ni mise à jour de camion n’est arrivée pour un dépôt actif depuis plus longtemps que son seuil (governance_settings.feed_silent_hours, 24 h par défaut, ou celui du dépôt). Le silence ne veut pas dire « rien à signaler » : les autres contrôles de ce dépôt ne voient plus rien.',
        causes: [
          'L’application des opérations est en panne ou n’arrive plus à écrire (réseau, compte, version).',
          'Les saisies s’accumulent sur papier au dépôt.',
          'Le dépôt est réellement à l’arrêt (inventaire, fermeture) sans avoir été marqué inactif (depots.actif).',
        ],
        verify: [
          'La dernière activité et son type, dans les chiffres de l’alerte.',
          'Auprès du gérant du dépôt : y a-t-il eu de l’activité ? Les saisies passent-elles ?',
          'La page Versions : le dernier rapport de l’application des opérations, et une éventuelle alerte VERSION_DRIFT.',
        ],
        actions: [
          { actor: 'operations', task: 'Confirme l’activité réelle et rattrape les saisies en retard.' },
          { actor: 'platform', task: 'Rétablit l’application ou son accès à la base.' },
          { actor: 'admin', task: 'Acquitte dès que la cause est connue.' },
          {
            actor: 'directeur',
            task: 'Résout quand les données arrivent de nouveau ; fait marquer le dépôt inactif si l’arrêt est voulu.',
          },
        ],
      },
      en: {
        meaning:
          'No receipt, outflow or truck update has arrived for an active depot for longer than its threshold (governance_settings.feed_silent_hours, 24 h by default, or the depot’s own). Silence does not mean “all clear”: the depot’s other checks no longer see anything.',
        causes: [
          'The operations app is down or can no longer write (network, account, version).',
          'Entries are piling up on paper at the depot.',
          'The depot has really stopped (stocktake, closure) without being marked inactive (depots.actif).',
        ],
        verify: [
          'The last activity and its kind, in the alert’s numbers.',
          'With the depot manager (gérant): was there any activity? Do entries go through?',
          'The Versions page: the operations app’s last report, and any VERSION_DRIFT alert.',
        ],
        actions: [
          { actor: 'operations', task: 'Confirms the actual activity and catches up on late entries.' },
          { actor: 'platform', task: 'Restores the app or its access to the database.' },
          { actor: 'admin', task: 'Acknowledges as soon as the cause is known.' },
          {
            actor: 'directeur',
            task: 'Resolves once data flows again; has the depot marked inactive if the stop is intended.',
          },
        ],
      },
    },
  },

  REFERENCE_INCOMPLETE: {
    family: 'freshness',
    label: { fr: 'Données de référence incomplètes', en: 'Incomplete reference data' },
    runbook: {
      fr: {
        meaning:
          'Une donnée de référence manque ou sort des tables : un produit sans densité de référence à 15 °C, ou une réception ou sortie dont le volume à 15 °C ne peut pas être calculé (densité hors de la table 54B). Les contrôles de volume ne peuvent pas s’exécuter sur ces lignes.',
        causes: [
          'Un produit créé sans sa fiche complète.',
          'Une densité mal saisie sur le bon (unité, virgule : 0,84 au lieu de 840 kg/m³).',
          'Un produit hors du champ de la table 54B (produits raffinés, 610,5 à 1 075 kg/m³).',
        ],
        verify: [
          'L’objet cité : la fiche produit (produits.densite_15c_reference), ou la densité de la ligne dans les chiffres de l’alerte.',
          'Le certificat de qualité du produit, pour sa densité à 15 °C.',
          'Le bon de réception ou de sortie, pour la densité relevée.',
        ],
        actions: [
          { actor: 'operations', task: 'Complète la fiche ou corrige la densité dans l’application des opérations, pièce à l’appui.' },
          { actor: 'directeur', task: 'Valide les valeurs de référence, puis résout.' },
          { actor: 'admin', task: 'Acquitte et indique qui corrige.' },
        ],
      },
      en: {
        meaning:
          'A piece of reference data is missing or out of the tables: a product without a reference density at 15 °C, or a receipt or outflow whose 15 °C volume cannot be computed (density outside Table 54B). The volume checks cannot run on those rows.',
        causes: [
          'A product created without its full record.',
          'A density entered wrongly on the note (unit, decimal point: 0.84 instead of 840 kg/m³).',
          'A product outside Table 54B’s scope (refined products, 610.5 to 1,075 kg/m³).',
        ],
        verify: [
          'The object named: the product record (produits.densite_15c_reference), or the row’s density in the alert’s numbers.',
          'The product’s quality certificate, for its density at 15 °C.',
          'The receipt or outflow note, for the density taken.',
        ],
        actions: [
          {
            actor: 'operations',
            task: 'Completes the record or corrects the density in the operations app, with the supporting document.',
          },
          { actor: 'directeur', task: 'Approves the reference values, then resolves.' },
          { actor: 'admin', task: 'Acknowledges, naming who corrects it.' },
        ],
      },
    },
  },

  VERSION_DRIFT: {
    family: 'versions',
    label: { fr: 'Écart de version', en: 'Version drift' },
    runbook: {
      fr: {
        meaning:
          'Un composant (la console, le schéma de la base, l’application des opérations) tourne dans une autre version que celle attendue par version_policies. Critique pour le schéma de la base, avertissement pour une application.',
        causes: [
          'Un déploiement partiel : une instance de la console ou de l’application pas mise à jour.',
          'Une migration livrée mais pas appliquée à cette base.',
          'La version attendue pas encore relevée après une livraison prévue.',
        ],
        verify: [
          'La page Versions : version attendue, version en service, dernier rapport de chaque instance.',
          'Pour le schéma : les migrations appliquées face à celles du dépôt de code.',
          'Le journal de déploiement : qui a déployé quoi, et quand.',
        ],
        actions: [
          { actor: 'platform', task: 'Déploie la bonne version ou applique la migration manquante.' },
          { actor: 'admin', task: 'Acquitte et prévient l’exploitation.' },
          { actor: 'directeur', task: 'Résout une fois les versions alignées sur la page Versions.' },
        ],
      },
      en: {
        meaning:
          'A component (the console, the database schema, the operations app) runs another version than version_policies expects. Critical for the database schema, a warning for an app.',
        causes: [
          'A partial deployment: one console or app instance not updated.',
          'A migration shipped but not applied to this database.',
          'The expected version not yet raised after a planned release.',
        ],
        verify: [
          'The Versions page: expected version, running version, each instance’s last report.',
          'For the schema: the applied migrations against those in the code repository.',
          'The deployment log: who deployed what, and when.',
        ],
        actions: [
          { actor: 'platform', task: 'Deploys the right version or applies the missing migration.' },
          { actor: 'admin', task: 'Acknowledges and tells the operations team.' },
          { actor: 'directeur', task: 'Resolves once the versions match on the Versions page.' },
        ],
      },
    },
  },

  CALC_VERSION_OVERRIDE: {
    family: 'versions',
    label: { fr: 'Version de calcul dérogatoire', en: 'Calculation version override' },
    runbook: {
      fr: {
        meaning:
          'Une réception ou une sortie récente (governance_settings.calc_coverage_days, 30 jours par défaut) porte une version de calcul (calc_version) autre que la version courante (current_calc_version) : ses volumes à 15 °C ne viennent pas du calcul de référence.',
        causes: [
          'Un poste de l’application des opérations resté sur une ancienne version.',
          'Une saisie manuelle ou un import qui force la version.',
          'Une nouvelle version validée sans que current_calc_version ait été relevée.',
        ],
        verify: [
          'La page Versions : couverture par version de calcul et liste des lignes dérogatoires.',
          'Qui a saisi la ligne, et depuis quel poste.',
          'Un ECART_15C sur la même ligne : le volume est alors faux, pas seulement mal étiqueté.',
        ],
        actions: [
          { actor: 'operations', task: 'Met le poste à jour et fait recalculer la ligne si besoin.' },
          { actor: 'platform', task: 'Relève current_calc_version si la nouvelle version a été validée.' },
          { actor: 'directeur', task: 'Résout avec la décision : ligne recalculée, ou version acceptée.' },
        ],
      },
      en: {
        meaning:
          'A recent receipt or outflow (governance_settings.calc_coverage_days, 30 days by default) carries a calculation version (calc_version) other than the current one (current_calc_version): its 15 °C volumes did not come from the reference calculation.',
        causes: [
          'An operations app workstation left on an old version.',
          'A manual entry or an import that forces the version.',
          'A new version approved without current_calc_version being raised.',
        ],
        verify: [
          'The Versions page: coverage by calculation version and the list of overriding rows.',
          'Who entered the row, and from which workstation.',
          'An ECART_15C on the same row: the volume is then wrong, not only mislabelled.',
        ],
        actions: [
          { actor: 'operations', task: 'Updates the workstation and has the row recomputed if needed.' },
          { actor: 'platform', task: 'Raises current_calc_version if the new version was approved.' },
          { actor: 'directeur', task: 'Resolves with the decision: row recomputed, or version accepted.' },
        ],
      },
    },
  },

  SYNC_STALE: {
    family: 'watchdog',
    label: { fr: 'Contrôles arrêtés', en: 'Checks stopped running' },
    runbook: {
      fr: {
        meaning:
          'Les contrôles n’ont pas tourné avec succès pendant plus de trois intervalles de synchronisation. L’alerte est ouverte par la première exécution qui reprend et couvre le trou : pendant ce temps, aucune anomalie ne pouvait être détectée, et « 0 anomalie » ne voulait rien dire.',
        causes: [
          'La planification est arrêtée : tâche pg_cron supprimée ou désactivée, minuteur de la pile locale stoppé.',
          'Chaque exécution échoue : une requête de contrôle cassée par une migration, un délai dépassé.',
          'La base a été indisponible (maintenance, panne, restauration).',
        ],
        verify: [
          'Le dernier contrôle réussi, la durée du trou et les exécutions en échec, dans les chiffres de l’alerte.',
          'L’historique des exécutions (alert_sync_runs) : le code d’erreur de chaque échec.',
          'La planification réelle face à l’intervalle prévu (governance_settings.sync_interval_seconds).',
          'Les alertes ouvertes juste après le trou : leur cause peut dater de pendant.',
        ],
        actions: [
          { actor: 'platform', task: 'Rétablit la planification et corrige la cause des échecs.' },
          { actor: 'admin', task: 'Lance une synchronisation depuis la page Alertes pour vérifier qu’elle passe, puis acquitte.' },
          { actor: 'directeur', task: 'Résout quand les exécutions sont régulières, en notant la durée du trou.' },
          { actor: 'pca', task: 'Est informé d’un trou qui couvre une clôture de journée.' },
        ],
      },
      en: {
        meaning:
          'The checks have not run successfully for more than three sync intervals. The alert is opened by the first run that resumes and covers the gap: during it, no anomaly could be detected, and “0 anomalies” meant nothing.',
        causes: [
          'The schedule stopped: the pg_cron job deleted or disabled, the local stack’s timer stopped.',
          'Every run fails: a check query broken by a migration, a timeout.',
          'The database was unavailable (maintenance, outage, restore).',
        ],
        verify: [
          'The last successful check, how long the gap lasted and the failed runs, in the alert’s numbers.',
          'The run history (alert_sync_runs): each failure’s error code.',
          'The actual schedule against the intended interval (governance_settings.sync_interval_seconds).',
          'The alerts opened just after the gap: their cause may date from within it.',
        ],
        actions: [
          { actor: 'platform', task: 'Restores the schedule and fixes the cause of the failures.' },
          { actor: 'admin', task: 'Runs a sync from the Alerts page to confirm it passes, then acknowledges.' },
          { actor: 'directeur', task: 'Resolves once runs are regular, recording how long the gap lasted.' },
          { actor: 'pca', task: 'Is told of any gap that covers a day’s closing.' },
        ],
      },
    },
  },

  CHECK_FAILED: {
    family: 'guard',
    label: { fr: 'Famille de contrôles en échec', en: 'Check family failing' },
    runbook: {
      fr: {
        meaning:
          'Une famille de contrôles lève une erreur à chaque exécution : tant qu’elle échoue, les anomalies qu’elle cherche ne sont pas détectées. Les autres contrôles continuent de tourner ; cette alerte dit lequel est aveugle.',
        causes: [
          'Une fonction de contrôle redéfinie à la main (voir aussi SCHEMA_DRIFT).',
          'Une migration qui a cassé une table ou une colonne que le contrôle lit.',
          'Un réglage hors des valeurs prévues dans governance_settings.',
        ],
        verify: [
          'La famille et le code d’erreur (SQLSTATE) dans les chiffres de l’alerte.',
          'Le message complet : select private.guarded_checks(famille) n’en donne que le code ; l’exécution directe de private.<famille>() par le propriétaire de la base montre l’erreur.',
          'Les migrations et les changements à la main des dernières heures.',
        ],
        actions: [
          {
            actor: 'platform',
            task: 'Corrige la fonction ou le réglage par une migration, puis vérifie que l’alerte s’efface à la synchronisation suivante.',
          },
          { actor: 'admin', task: 'Acquitte et prévient la plateforme ; relance une synchronisation après la correction.' },
          { actor: 'directeur', task: 'Résout une fois l’alerte effacée, en notant la durée pendant laquelle la famille était aveugle.' },
        ],
      },
      en: {
        meaning:
          'A family of checks raises an error on every run: while it fails, the anomalies it looks for are not detected. The other checks keep running; this alert says which one is blind.',
        causes: [
          'A check function redefined by hand (see also SCHEMA_DRIFT).',
          'A migration that broke a table or column the check reads.',
          'A setting outside its intended values in governance_settings.',
        ],
        verify: [
          'The family and the error code (SQLSTATE) in the alert’s numbers.',
          'The full message: select private.guarded_checks(family) gives only the code; running private.<family>() directly as the database owner shows the error.',
          'The migrations and hand changes of the last hours.',
        ],
        actions: [
          { actor: 'platform', task: 'Fixes the function or the setting in a migration, then checks the alert clears at the next sync.' },
          { actor: 'admin', task: 'Acknowledges and tells the platform; runs a sync after the fix.' },
          { actor: 'directeur', task: 'Resolves once the alert has cleared, recording how long the family was blind.' },
        ],
      },
    },
  },

  SCHEMA_DRIFT: {
    family: 'drift',
    label: { fr: 'Schéma modifié hors migration', en: 'Schema changed outside migrations' },
    runbook: {
      fr: {
        meaning:
          'Le catalogue gouverné de la base (tables, colonnes, fonctions, vues, déclencheurs, droits, politiques, RLS) ne correspond plus à la référence prise après les migrations : quelqu’un l’a modifié à la main. Une règle du produit peut avoir sauté sans que rien d’autre ne le montre.',
        causes: [
          'Un correctif d’urgence fait directement dans l’éditeur SQL, sans migration.',
          'Un outil ou une extension qui a modifié des objets.',
          'Un changement malveillant : un droit accordé, un déclencheur désactivé, une fonction redéfinie.',
        ],
        verify: [
          'La différence dans les chiffres de l’alerte : chaque objet ajouté, supprimé ou modifié, et la migration de la référence.',
          'Qui avait accès à la base à ce moment (journaux de la base, du tableau de bord Supabase).',
          'La page Sécurité : un constat RLS_* ou SEC_* sur les mêmes objets aggrave le cas.',
        ],
        actions: [
          {
            actor: 'platform',
            task: 'Annule le changement ; ou, s’il doit rester, l’accepte (private.accept_schema_drift, avec la raison) puis l’inscrit dans une migration.',
          },
          { actor: 'directeur', task: 'Décide entre les deux et résout avec l’explication.' },
          { actor: 'admin', task: 'Acquitte et rassemble qui a fait quoi.' },
          { actor: 'pca', task: 'Est informé de tout changement resté inexpliqué.' },
        ],
      },
      en: {
        meaning:
          'The database’s governed catalogue (tables, columns, functions, views, triggers, grants, policies, RLS) no longer matches the baseline taken after the migrations: someone changed it by hand. One of the product’s rules may be gone with nothing else showing it.',
        causes: [
          'An emergency fix made directly in the SQL editor, without a migration.',
          'A tool or an extension that changed objects.',
          'A malicious change: a grant given, a trigger disabled, a function redefined.',
        ],
        verify: [
          'The difference in the alert’s numbers: each object added, removed or changed, and the baseline’s migration.',
          'Who had access to the database at that time (database and Supabase dashboard logs).',
          'The Security page: an RLS_* or SEC_* finding on the same objects makes it worse.',
        ],
        actions: [
          {
            actor: 'platform',
            task: 'Reverts the change; or, if it must stay, accepts it (private.accept_schema_drift, with the reason) then writes it into a migration.',
          },
          { actor: 'directeur', task: 'Chooses between the two and resolves with the explanation.' },
          { actor: 'admin', task: 'Acknowledges and gathers who did what.' },
          { actor: 'pca', task: 'Is told of any change that stays unexplained.' },
        ],
      },
    },
  },

  RLS_DISABLED_IN_PUBLIC: {
    family: 'posture',
    label: { fr: 'Table exposée sans RLS', en: 'Exposed table without RLS' },
    runbook: {
      fr: {
        meaning:
          'Une table d’un schéma exposé par l’API n’a pas de sécurité au niveau des lignes (RLS) : tout rôle qui a un privilège sur elle lit ou modifie toutes ses lignes.',
        causes: ['Une table créée sans « enable row level security ».', 'La RLS désactivée pour une maintenance et jamais réactivée.'],
        verify: [
          'Les chiffres de l’alerte : anon ou authenticated peuvent-ils lire la table ?',
          'Le contenu de la table : données personnelles, volumes, comptes ?',
          POSTURE_ORIGIN_FR,
        ],
        actions: POSTURE_ACTIONS_FR,
      },
      en: {
        meaning:
          'A table in a schema the API exposes has no row level security (RLS): any role with a privilege on it reads or changes all its rows.',
        causes: ['A table created without “enable row level security”.', 'RLS disabled for maintenance and never enabled again.'],
        verify: [
          'The alert’s numbers: can anon or authenticated read the table?',
          'What the table holds: personal data, volumes, accounts?',
          POSTURE_ORIGIN_EN,
        ],
        actions: POSTURE_ACTIONS_EN,
      },
    },
  },

  RLS_POLICY_EXISTS_RLS_DISABLED: {
    family: 'posture',
    label: { fr: 'Politiques sans RLS activée', en: 'Policies without RLS enabled' },
    runbook: {
      fr: {
        meaning: 'Une table a des politiques, mais la RLS n’y est pas activée : aucune d’elles ne s’applique.',
        causes: ['La migration a créé les politiques et oublié « enable row level security ».', 'La RLS désactivée à la main.'],
        verify: [
          'Les politiques de la table et ce qu’elles étaient censées protéger.',
          'Les privilèges des rôles de l’API sur la table.',
          POSTURE_ORIGIN_FR,
        ],
        actions: POSTURE_ACTIONS_FR,
      },
      en: {
        meaning: 'A table has policies, but RLS is not enabled on it: none of them applies.',
        causes: ['The migration created the policies and forgot “enable row level security”.', 'RLS disabled by hand.'],
        verify: [
          'The table’s policies and what they were meant to protect.',
          'The API roles’ privileges on the table.',
          POSTURE_ORIGIN_EN,
        ],
        actions: POSTURE_ACTIONS_EN,
      },
    },
  },

  RLS_ENABLED_NO_POLICY: {
    family: 'posture',
    label: { fr: 'RLS activée sans politique', en: 'RLS enabled, no policy' },
    runbook: {
      fr: {
        meaning:
          'Une table a la RLS activée mais aucune politique : aucun utilisateur de l’API ne voit ses lignes. Souvent voulu pour une table interne ; sinon, un écran reste vide.',
        causes: ['Une table interne volontairement fermée à l’API.', 'Une politique oubliée ou supprimée.'],
        verify: ['Si un écran ou l’application des opérations doit lire cette table.', POSTURE_ORIGIN_FR],
        actions: [
          { actor: 'platform', task: 'Ajoute la politique manquante par migration, ou confirme que la table est interne.' },
          { actor: 'directeur', task: 'Résout avec la décision.' },
        ],
      },
      en: {
        meaning:
          'A table has RLS enabled but no policy: no API user sees its rows. Often intended for an internal table; otherwise a screen stays empty.',
        causes: ['An internal table deliberately closed to the API.', 'A policy forgotten or dropped.'],
        verify: ['Whether a screen or the operations app needs to read this table.', POSTURE_ORIGIN_EN],
        actions: [
          { actor: 'platform', task: 'Adds the missing policy in a migration, or confirms the table is internal.' },
          { actor: 'directeur', task: 'Resolves with the decision.' },
        ],
      },
    },
  },

  RLS_POLICY_ALWAYS_TRUE: {
    family: 'posture',
    label: { fr: 'Politique toujours vraie', en: 'Always-true policy' },
    runbook: {
      fr: {
        meaning:
          'Une politique permissive a la condition « true » : elle laisse passer toutes les lignes, pour toutes les écritures ou, en lecture, pour anon.',
        causes: [
          'Une politique provisoire de mise au point restée en place.',
          'Une condition de rôle remplacée par « true » pour débloquer un écran.',
        ],
        verify: [
          'Les rôles et la commande visés par la politique (chiffres de l’alerte).',
          'Ce que la table contient et qui a pu l’écrire.',
          POSTURE_ORIGIN_FR,
        ],
        actions: POSTURE_ACTIONS_FR,
      },
      en: {
        meaning: 'A permissive policy has the condition “true”: it lets every row through, for every write or, for reads, to anon.',
        causes: ['A temporary development policy left in place.', 'A role condition replaced by “true” to unblock a screen.'],
        verify: [
          'The roles and command the policy covers (the alert’s numbers).',
          'What the table holds and who may have written it.',
          POSTURE_ORIGIN_EN,
        ],
        actions: POSTURE_ACTIONS_EN,
      },
    },
  },

  RLS_POLICY_TO_PUBLIC: {
    family: 'posture',
    label: { fr: 'Politique accordée au rôle public', en: 'Policy granted to role public' },
    runbook: {
      fr: {
        meaning:
          'Une politique s’applique au rôle public, donc aussi à anon (la clé anonyme). La règle du projet : aucune politique « to public », toujours « to authenticated » avec une condition de rôle.',
        causes: ['Une politique créée sans clause « to ».', 'Une politique copiée d’un exemple.'],
        verify: [
          'Ce que la politique permet à anon, dans les chiffres de l’alerte.',
          'L’alerte SEC_ANON_PROBE_ROWS : des lignes sont-elles déjà lisibles ?',
          POSTURE_ORIGIN_FR,
        ],
        actions: POSTURE_ACTIONS_FR,
      },
      en: {
        meaning:
          'A policy applies to the role public, so to anon (the anonymous key) too. The project’s rule: no policy “to public”, always “to authenticated” with a role condition.',
        causes: ['A policy created without a “to” clause.', 'A policy copied from an example.'],
        verify: [
          'What the policy lets anon do, in the alert’s numbers.',
          'The SEC_ANON_PROBE_ROWS alert: are rows already readable?',
          POSTURE_ORIGIN_EN,
        ],
        actions: POSTURE_ACTIONS_EN,
      },
    },
  },

  SEC_SECURITY_DEFINER_VIEW: {
    family: 'posture',
    label: { fr: 'Vue security definer', en: 'Security definer view' },
    runbook: {
      fr: {
        meaning:
          'Une vue lisible par l’API s’exécute avec les droits de son propriétaire : elle contourne la RLS de l’appelant et montre les lignes d’autres dépôts ou d’autres rôles.',
        causes: ['Une vue créée sans « security_invoker = true ».', 'Une vue recréée à la main, qui a perdu l’option.'],
        verify: ['Les tables lues par la vue et ce qu’un compte d’un autre dépôt y voit.', POSTURE_ORIGIN_FR],
        actions: POSTURE_ACTIONS_FR,
      },
      en: {
        meaning:
          'A view the API can read runs with its owner’s rights: it bypasses the caller’s RLS and shows rows of other depots or roles.',
        causes: ['A view created without “security_invoker = true”.', 'A view recreated by hand that lost the option.'],
        verify: ['The tables the view reads and what an account of another depot sees through it.', POSTURE_ORIGIN_EN],
        actions: POSTURE_ACTIONS_EN,
      },
    },
  },

  SEC_FUNCTION_SEARCH_PATH_MUTABLE: {
    family: 'posture',
    label: { fr: 'Fonction à search_path modifiable', en: 'Function with a mutable search_path' },
    runbook: {
      fr: {
        meaning:
          'Une fonction résout les noms par le search_path de l’appelant : un objet homonyme placé plus tôt dans ce chemin peut détourner ses appels, avec ses droits s’il s’agit d’une fonction security definer.',
        causes: ["Une fonction créée sans « set search_path = '' ».", 'Une fonction redéfinie à la main.'],
        verify: [
          'Si la fonction est security definer et qui peut l’exécuter.',
          'Que ses références sont qualifiées par leur schéma.',
          POSTURE_ORIGIN_FR,
        ],
        actions: POSTURE_ACTIONS_FR,
      },
      en: {
        meaning:
          'A function resolves names through the caller’s search_path: a same-named object placed earlier on that path can hijack its calls, with its rights if it is a security definer function.',
        causes: ["A function created without “set search_path = ''”.", 'A function redefined by hand.'],
        verify: [
          'Whether the function is security definer and who can execute it.',
          'That its references are schema-qualified.',
          POSTURE_ORIGIN_EN,
        ],
        actions: POSTURE_ACTIONS_EN,
      },
    },
  },

  SEC_ANON_SECURITY_DEFINER_FUNCTION: {
    family: 'posture',
    label: { fr: 'Fonction security definer exécutable par anon', en: 'Security definer function executable by anon' },
    runbook: {
      fr: {
        meaning:
          'Une fonction security definer du schéma exposé peut être appelée avec la clé anonyme (/rest/v1/rpc) : n’importe qui l’exécute avec les droits de son propriétaire, sans se connecter.',
        causes: [
          'Le privilège EXECUTE accordé par défaut à public, jamais révoqué.',
          'Un « grant execute … to anon » ajouté pour un test.',
        ],
        verify: [
          'Ce que la fonction lit ou écrit, et avec quels paramètres choisis par l’appelant.',
          'Les appels anonymes à /rest/v1/rpc dans les journaux de l’API.',
          POSTURE_ORIGIN_FR,
        ],
        actions: POSTURE_ACTIONS_FR,
      },
      en: {
        meaning:
          'A security definer function in the exposed schema can be called with the anonymous key (/rest/v1/rpc): anyone runs it with its owner’s rights, without signing in.',
        causes: ['The default EXECUTE privilege to public, never revoked.', 'A “grant execute … to anon” added for a test.'],
        verify: [
          'What the function reads or writes, and with which parameters the caller chooses.',
          'Anonymous calls to /rest/v1/rpc in the API logs.',
          POSTURE_ORIGIN_EN,
        ],
        actions: POSTURE_ACTIONS_EN,
      },
    },
  },

  SEC_AUTH_USERS_EXPOSED: {
    family: 'posture',
    label: { fr: 'auth.users exposée par l’API', en: 'auth.users exposed through the API' },
    runbook: {
      fr: {
        meaning: 'Une vue lit auth.users et est lisible par un rôle de l’API : les comptes (e-mails, métadonnées) sont exposés.',
        causes: [
          'Une vue de confort créée pour afficher les noms des utilisateurs.',
          'Un privilège SELECT accordé sur une vue existante.',
        ],
        verify: [
          'Les colonnes de auth.users que la vue renvoie, et à quels rôles.',
          'Si public.profils suffit à l’écran qui utilise la vue.',
          POSTURE_ORIGIN_FR,
        ],
        actions: [...POSTURE_ACTIONS_FR, { actor: 'pca', task: 'Est informé : des données personnelles ont pu être lues.' }],
      },
      en: {
        meaning: 'A view reads auth.users and an API role can read it: the accounts (e-mails, metadata) are exposed.',
        causes: ['A convenience view created to show user names.', 'A SELECT privilege granted on an existing view.'],
        verify: [
          'Which auth.users columns the view returns, and to which roles.',
          'Whether public.profils is enough for the screen using the view.',
          POSTURE_ORIGIN_EN,
        ],
        actions: [...POSTURE_ACTIONS_EN, { actor: 'pca', task: 'Is told: personal data may have been read.' }],
      },
    },
  },

  SEC_ANON_TABLE_GRANT: {
    family: 'posture',
    label: { fr: 'Privilège accordé à anon', en: 'Privilege granted to anon' },
    runbook: {
      fr: {
        meaning:
          'Le rôle anon (la clé anonyme, présente dans toute application cliente) détient un privilège sur une table ou une vue exposée : seule la RLS le sépare encore des données. La règle du projet : aucun privilège pour anon.',
        causes: ['Les privilèges par défaut de Supabase, jamais révoqués sur une nouvelle table.', 'Un « grant » ajouté à la main.'],
        verify: [
          'Le privilège exact (lecture, écriture) dans les chiffres de l’alerte.',
          'La RLS et les politiques de la table.',
          POSTURE_ORIGIN_FR,
        ],
        actions: POSTURE_ACTIONS_FR,
      },
      en: {
        meaning:
          'The anon role (the anonymous key, shipped in every client app) holds a privilege on an exposed table or view: only RLS still keeps it from the data. The project’s rule: no privilege for anon.',
        causes: ['Supabase’s default privileges, never revoked on a new table.', 'A grant added by hand.'],
        verify: ['The exact privilege (read, write) in the alert’s numbers.', 'The table’s RLS and policies.', POSTURE_ORIGIN_EN],
        actions: POSTURE_ACTIONS_EN,
      },
    },
  },

  AUTH_FAILURE_SPIKE: {
    family: 'securityEvents',
    label: { fr: 'Pic d’échecs de connexion', en: 'Sign-in failure spike' },
    runbook: {
      fr: {
        meaning:
          'Les connexions refusées (mots de passe erronés, tentatives bloquées) dépassent le seuil sur une courte fenêtre : pour un compte (avertissement : quelqu’un essaie un mot de passe) ou pour tous les comptes ensemble (critique : une campagne).',
        causes: [
          'Un essai de mots de passe contre un compte, ou contre beaucoup de comptes à la fois.',
          'Un utilisateur qui a oublié son mot de passe et insiste.',
          'Un script ou une intégration avec un ancien mot de passe.',
        ],
        verify: [
          'Le compte visé, le nombre de refus et la dernière tentative, dans les chiffres de l’alerte.',
          'Le journal de sécurité (security_audit_logs) : adresses d’origine et heures des échecs.',
          'Auprès du titulaire du compte : est-ce lui ?',
          'Une connexion réussie juste après la série d’échecs : le compte est alors peut-être compromis.',
        ],
        actions: [
          { actor: 'admin', task: 'Joint le titulaire du compte et examine le journal de sécurité.' },
          {
            actor: 'platform',
            task: 'Bloque les adresses en cause ; fait changer le mot de passe et ferme les sessions si une connexion a réussi.',
          },
          { actor: 'directeur', task: 'Résout avec l’explication : erreur de l’utilisateur, ou attaque arrêtée.' },
        ],
      },
      en: {
        meaning:
          'Refused sign-ins (wrong passwords, blocked attempts) exceed the threshold within a short window: for one account (a warning: someone is trying a password) or for all accounts together (critical: a campaign).',
        causes: [
          'Password guessing against one account, or against many accounts at once.',
          'A user who forgot their password and keeps trying.',
          'A script or an integration with an old password.',
        ],
        verify: [
          'The account targeted, the number of refusals and the last attempt, in the alert’s numbers.',
          'The security log (security_audit_logs): source addresses and times of the failures.',
          'With the account holder: was it them?',
          'A successful sign-in right after the failures: the account may then be compromised.',
        ],
        actions: [
          { actor: 'admin', task: 'Contacts the account holder and reviews the security log.' },
          {
            actor: 'platform',
            task: 'Blocks the addresses involved; has the password changed and the sessions ended if a sign-in succeeded.',
          },
          { actor: 'directeur', task: 'Resolves with the explanation: user error, or an attack stopped.' },
        ],
      },
    },
  },

  RULES_DISAGREE: {
    family: 'securityEvents',
    label: { fr: 'Console et base en désaccord', en: 'Console and database disagree' },
    runbook: {
      fr: {
        meaning:
          'La console a autorisé une action que la base a refusée. Les deux appliquent les mêmes règles : l’une a changé sans l’autre. Rien n’a été écrit, mais un droit est peut-être plus large ou plus étroit que prévu.',
        causes: [
          'Une migration a changé une politique, un droit ou un déclencheur sans que la console suive, ou l’inverse.',
          'Le rôle d’un profil a changé alors que la session de l’utilisateur portait encore l’ancien.',
          'Une politique modifiée à la main (voir SCHEMA_DRIFT).',
        ],
        verify: [
          'Les chiffres de l’alerte : action, règle de la base, SQLSTATE, nombre d’occurrences, rôles.',
          'Le rôle actuel des utilisateurs concernés (public.profils) face à celui de leur session.',
          'Les alertes SCHEMA_DRIFT et VERSION_DRIFT de la même période.',
        ],
        actions: [
          { actor: 'platform', task: 'Corrige le côté fautif : une migration pour la base, une livraison pour la console.' },
          { actor: 'admin', task: 'Vérifie les profils concernés, puis acquitte.' },
          { actor: 'directeur', task: 'Résout une fois la console et la base de nouveau d’accord.' },
        ],
      },
      en: {
        meaning:
          'The console allowed an action that the database refused. Both apply the same rules: one changed without the other. Nothing was written, but a right may be wider or narrower than intended.',
        causes: [
          'A migration changed a policy, grant or trigger and the console did not follow, or the reverse.',
          'A profile’s role changed while the user’s session still carried the old one.',
          'A policy changed by hand (see SCHEMA_DRIFT).',
        ],
        verify: [
          'The alert’s numbers: action, database rule, SQLSTATE, number of occurrences, roles.',
          'The current role of the users involved (public.profils) against their session’s.',
          'SCHEMA_DRIFT and VERSION_DRIFT alerts from the same period.',
        ],
        actions: [
          { actor: 'platform', task: 'Fixes the side at fault: a migration for the database, a release for the console.' },
          { actor: 'admin', task: 'Checks the profiles involved, then acknowledges.' },
          { actor: 'directeur', task: 'Resolves once the console and the database agree again.' },
        ],
      },
    },
  },

  SEC_ANON_PROBE_ROWS: {
    family: 'securityEvents',
    label: { fr: 'Lignes lisibles avec la clé anon', en: 'Rows readable with the anon key' },
    runbook: {
      fr: {
        meaning:
          'La sonde anonyme planifiée a lu des lignes d’une table ou d’une vue avec la clé anon, qui est publique (présente dans toute application cliente). N’importe qui peut les lire, maintenant : c’est une fuite en cours, pas un risque.',
        causes: [
          'Une politique ouverte à anon ou au rôle public.',
          'Une table sans RLS, ou une vue security definer, avec un droit pour anon.',
          'Un changement à la main (voir SCHEMA_DRIFT).',
        ],
        verify: [
          'La relation nommée et le nombre de lignes lisibles, dans les chiffres de l’alerte, et ce qu’elle contient.',
          'La page Sécurité : les constats RLS_* et SEC_* sur cette relation, et les changements de politiques depuis le dernier instantané.',
          'Depuis quand : la première détection de l’alerte, et SCHEMA_DRIFT pour l’heure du changement.',
        ],
        actions: [
          {
            actor: 'platform',
            task: 'Ferme l’accès tout de suite (révoquer le droit, activer la RLS), puis l’inscrit dans une migration.',
          },
          { actor: 'directeur', task: 'Évalue ce qui a été exposé et depuis quand, puis résout.' },
          { actor: 'pca', task: 'Est informé de la fuite et de sa durée.' },
          { actor: 'admin', task: 'Acquitte dès que l’exploitant de la plateforme est à l’œuvre.' },
        ],
      },
      en: {
        meaning:
          'The scheduled anonymous probe read rows of a table or view with the anon key, which is public (shipped in every client app). Anyone can read them, now: a leak in progress, not a risk.',
        causes: [
          'A policy open to anon or to the role public.',
          'A table without RLS, or a security definer view, with a privilege for anon.',
          'A change made by hand (see SCHEMA_DRIFT).',
        ],
        verify: [
          'The relation named and the number of readable rows, in the alert’s numbers, and what it holds.',
          'The Security page: RLS_* and SEC_* findings on that relation, and policy changes since the last snapshot.',
          'Since when: the alert’s first detection, and SCHEMA_DRIFT for the time of the change.',
        ],
        actions: [
          {
            actor: 'platform',
            task: 'Closes the access at once (revoke the privilege, enable RLS), then writes it into a migration.',
          },
          { actor: 'directeur', task: 'Assesses what was exposed and for how long, then resolves.' },
          { actor: 'pca', task: 'Is told of the leak and how long it lasted.' },
          { actor: 'admin', task: 'Acknowledges as soon as the platform operator is on it.' },
        ],
      },
    },
  },
} satisfies Record<string, CheckEntry>;

export type CheckCode = keyof typeof catalogue;

/** Every catalogued code, in the catalogue's order (families, then severity of consequence). */
export const CHECK_CODES = Object.keys(catalogue) as CheckCode[];

export function isCheckCode(code: string): code is CheckCode {
  return Object.hasOwn(catalogue, code);
}

export function checkEntry(code: CheckCode): CheckEntry {
  return catalogue[code];
}

/** Every code's label in one language: the dictionaries' `checks` section. */
export function checkLabels(locale: Locale): Record<CheckCode, string> {
  return Object.fromEntries(CHECK_CODES.map((code) => [code, catalogue[code].label[locale]])) as Record<CheckCode, string>;
}

export type LocalizedRunbook = {
  code: CheckCode;
  label: string;
  family: CheckFamily;
  familyLabel: string;
  /** The database object that computes the check. */
  source: string;
  runbook: Runbook;
};

/** A code's runbook in one language, or null for a code this console does not know (yet). */
export function runbookFor(code: string, locale: Locale): LocalizedRunbook | null {
  if (!isCheckCode(code)) return null;
  const entry = catalogue[code];
  const family = CHECK_FAMILIES[entry.family];
  return {
    code,
    label: entry.label[locale],
    family: entry.family,
    familyLabel: family.label[locale],
    source: family.source,
    runbook: entry.runbook[locale],
  };
}

/** The catalogue by family, in the families' order: the runbooks' index. */
export function catalogueByFamily(
  locale: Locale,
): { family: CheckFamily; label: string; source: string; checks: { code: CheckCode; label: string }[] }[] {
  return (Object.keys(CHECK_FAMILIES) as CheckFamily[]).map((family) => ({
    family,
    label: CHECK_FAMILIES[family].label[locale],
    source: CHECK_FAMILIES[family].source,
    checks: CHECK_CODES.filter((code) => catalogue[code].family === family).map((code) => ({
      code,
      label: catalogue[code].label[locale],
    })),
  }));
}
