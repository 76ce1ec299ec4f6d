/** Signing in, and the sign-in page's check of the API. */
const fr = {
  auth: {
    signInTitle: 'Connexion',
    signInIntro: 'Accès réservé à l’administration, à la direction et au conseil.',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    invalidCredentials: 'Adresse e-mail ou mot de passe incorrect.',
    emailInvalid: 'Saisissez une adresse e-mail valide.',
    passwordRequired: 'Saisissez votre mot de passe.',
    unavailable: 'Le service d’authentification ne répond pas. Réessayez dans un instant.',
    throttled: 'Trop de tentatives de connexion échouées. Réessayez dans {minutes} min.',
    sessionExpired: 'Votre session a expiré. Reconnectez-vous pour continuer.',
    apiStatus: 'État du service',
  },
  health: {
    checking: 'Vérification de l’API…',
    reachable: 'API joignable',
    reachableDetail: 'Le service Supabase répond.',
    unreachable: 'API injoignable',
    unreachableDetail: 'Le service Supabase ne répond pas pour le moment.',
  },
};

const en: typeof fr = {
  auth: {
    signInTitle: 'Sign in',
    signInIntro: 'For administration, management and the board.',
    email: 'Email address',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    invalidCredentials: 'Wrong email address or password.',
    emailInvalid: 'Enter a valid email address.',
    passwordRequired: 'Enter your password.',
    unavailable: 'The sign-in service is not answering. Try again in a moment.',
    throttled: 'Too many failed sign-in attempts. Try again in {minutes} min.',
    sessionExpired: 'Your session has expired. Sign in again to continue.',
    apiStatus: 'Service status',
  },
  health: {
    checking: 'Checking the API…',
    reachable: 'API reachable',
    reachableDetail: 'The Supabase service is answering.',
    unreachable: 'API unreachable',
    unreachableDetail: 'The Supabase service is not answering right now.',
  },
};

export const auth = { fr, en };
