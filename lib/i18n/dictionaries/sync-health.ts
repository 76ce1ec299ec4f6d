/** The banner every governance page shows when the checks stopped running or the last run failed. */
const fr = {
  syncHealth: {
    staleTitle: 'Les contrôles ne tournent plus depuis le {time} ({relative}).',
    staleBody:
      'Les anomalies apparues depuis ne sont pas détectées : « aucune anomalie » ne veut rien dire tant qu’ils n’ont pas repris (intervalle prévu : {interval} ; alerte au-delà de {threshold}).',
    neverTitle: 'Les contrôles n’ont encore jamais abouti.',
    neverBody:
      'Aucune anomalie ne peut être détectée tant que la synchronisation planifiée ne tourne pas (intervalle prévu : {interval}).',
    failedTitle: 'Le dernier contrôle a échoué.',
    failedBody: 'Le dernier contrôle réussi date du {time} ({relative}) ; les contrôles deviendront obsolètes au-delà de {threshold}.',
    failure: 'Le dernier contrôle a échoué le {time} (code {code}).',
    databaseMessage: 'Message de la base (visible des administrateurs) :',
  },
};

const en: typeof fr = {
  syncHealth: {
    staleTitle: 'The checks have not run since {time} ({relative}).',
    staleBody:
      'Anomalies that appeared since are not detected: “no anomaly” means nothing until they run again (scheduled interval: {interval}; alert past {threshold}).',
    neverTitle: 'The checks have never completed yet.',
    neverBody: 'No anomaly can be detected until the scheduled sync runs (scheduled interval: {interval}).',
    failedTitle: 'The last check failed.',
    failedBody: 'The last successful check was on {time} ({relative}); the checks become stale past {threshold}.',
    failure: 'The last check failed on {time} (code {code}).',
    databaseMessage: 'Database message (shown to admins):',
  },
};

export const syncHealth = { fr, en };
