/**
 * The frame of the runbooks: their headings, the guides' pages and links. The runbooks themselves —
 * and the checks' labels — live with each check code in lib/checks/catalogue.ts.
 */
const fr = {
  runbooks: {
    title: 'Guides des contrôles',
    intro: 'Pour chaque contrôle : ce qu’il signifie, ses causes probables, quoi vérifier et qui agit.',
    whatToDo: 'Que faire',
    meaning: 'Ce que cela signifie',
    causes: 'Causes probables',
    verify: 'À vérifier',
    whoActs: 'Qui agit',
    computedBy: 'Calculé par',
    guideFor: 'Guide du contrôle {code}',
    fullGuide: 'Page du guide',
    allGuides: 'Tous les guides',
    alertsOfCheck: 'Alertes de ce contrôle',
    noRunbook:
      'Cette version de la console n’a pas de guide pour le code {code}. Suivez le message et les chiffres de l’alerte, et signalez le code à l’exploitant de la plateforme.',
    notFoundTitle: 'Guide introuvable',
    notFoundBody: 'Aucun contrôle ne porte ce code.',
    loadError: 'Le guide n’a pas pu être chargé. Vérifiez votre connexion puis réessayez.',
    teams: {
      operations: 'Équipe des opérations du dépôt (gérant, opérateurs)',
      platform: 'Exploitant de la plateforme (base, déploiements)',
    },
  },
};

const en: typeof fr = {
  runbooks: {
    title: 'Check runbooks',
    intro: 'For each check: what it means, its likely causes, what to verify and who acts.',
    whatToDo: 'What to do',
    meaning: 'What it means',
    causes: 'Likely causes',
    verify: 'What to verify',
    whoActs: 'Who acts',
    computedBy: 'Computed by',
    guideFor: 'Runbook of check {code}',
    fullGuide: 'Runbook page',
    allGuides: 'All runbooks',
    alertsOfCheck: 'Alerts of this check',
    noRunbook:
      'This version of the console has no runbook for code {code}. Follow the alert’s message and numbers, and report the code to the platform operator.',
    notFoundTitle: 'Runbook not found',
    notFoundBody: 'No check has this code.',
    loadError: 'The runbook could not be loaded. Check your connection, then retry.',
    teams: {
      operations: 'Depot operations team (manager, operators)',
      platform: 'Platform operator (database, deployments)',
    },
  },
};

export const runbooks = { fr, en };
