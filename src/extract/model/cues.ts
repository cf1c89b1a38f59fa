// Word lists the boilerplate model reads as features, per language, as data. They name kinds of
// words (the verbs of calls to action, the nouns of sign-in walls and subscriptions, comment and
// related-link words, social networks, legal pages), never whole phrases seen on one site: the
// model learns from the development pages how much each kind weighs, and where. French and
// English are the project's languages; German and Spanish are common on the pages it is fed.
// Words are matched folded (lower case, accents removed), at word starts.

const WORDS = {
  // Imperatives and invitations of calls to action.
  cta: [
    'subscribe', 'sign up', 'signup', 'register', 'download', 'install', 'follow', 'share', 'click', 'tap', 'join', 'try', 'discover',
    'watch', 'listen', 'donate', 'support', 'enable', 'accept', 'manage', 'contact', 'send', 'forward', 'unsubscribe', 'buy', 'shop',
    'learn more', 'find out', 'check', 'visit', 'become', 'upgrade', 'claim',
    'abonnez', 'abonner', 'inscrivez', 'inscrire', 'telechargez', 'telecharger', 'suivez', 'suivre', 'partagez', 'partager', 'cliquez',
    'recevez', 'recevoir', 'rejoignez', 'decouvrez', 'decouvrir', 'lisez', 'connectez', 'activez', 'envoyez', 'contactez', 'soutenez',
    'profitez', 'achetez', 'commandez', 'reservez', 'essayez', 'ecoutez', 'regardez', 'retrouvez', 'acceptez', 'gerez', 'devenez', 'offrez',
    'abonnieren', 'anmelden', 'registrieren', 'herunterladen', 'folgen', 'folgt', 'teilen', 'klicken', 'entdecken', 'lesen sie',
    'kontaktieren', 'unterstutzen', 'bestellen', 'kaufen', 'testen', 'sichern',
    'suscribete', 'suscribase', 'registrate', 'descarga', 'descargue', 'siguenos', 'sigue', 'comparte', 'haz clic', 'unete', 'descubre', 'lee',
  ],
  // Sign-in walls, accounts, subscriptions, paywalls.
  account: [
    'sign in', 'signin', 'log in', 'login', 'logged', 'account', 'subscriber', 'subscribers', 'subscription', 'premium', 'paywall', 'password',
    'member', 'members', 'membership', 'free trial', 'unlimited', 'newsletter', 'newsletters', 'inbox', 'email address', 'e-mail',
    'connexion', 'connecter', 'compte', 'abonne', 'abonnes', 'abonnement', 'abonnements', 'mot de passe', 'illimite', 'lettre d information',
    'infolettre', 'adresse e-mail', 'adresse mail', 'courriel', 'reserve aux',
    'konto', 'abo', 'abonnent', 'abonnement', 'passwort', 'registriert', 'mitglied', 'anmeldung', 'zugang',
    'cuenta', 'suscriptor', 'suscripcion', 'suscripciones', 'contrasena', 'miembro', 'boletin', 'correo',
  ],
  // Pointers to other articles.
  related: [
    'related', 'read more', 'read also', 'read next', 'see also', 'more from', 'more on', 'more stories', 'recommended', 'most read',
    'most popular', 'trending', 'top stories', 'you may also', 'you might also', 'further reading', 'latest', 'editor s picks',
    'lire aussi', 'a lire', 'lire la suite', 'voir aussi', 'a voir', 'sur le meme sujet', 'les plus lus', 'a decouvrir', 'en savoir plus',
    'pour aller plus loin', 'nos autres', 'dans l actualite', 'articles similaires', 'ces articles',
    'mehr zum thema', 'lesen sie auch', 'auch interessant', 'weitere artikel', 'weiterlesen', 'das konnte sie', 'meistgelesen', 'verwandte',
    'lea tambien', 'leer mas', 'lee tambien', 'te puede interesar', 'relacionado', 'relacionadas', 'mas leidas', 'ver mas', 'zobacz',
  ],
  // Comment threads and their furniture.
  comment: [
    'comment', 'comments', 'reply', 'replies', 'thoughts on', 'leave a', 'post a', 'join the conversation', 'discussion',
    'commentaire', 'commentaires', 'repondre', 'reagir', 'reagissez', 'reaction', 'reactions', 'signaler', 'a dit',
    'kommentar', 'kommentare', 'antworten', 'melden', 'schreibt', 'diskussion',
    'comentario', 'comentarios', 'responder', 'denunciar',
  ],
  // Social networks and messaging apps.
  social: [
    'facebook', 'twitter', 'instagram', 'whatsapp', 'telegram', 'linkedin', 'youtube', 'tiktok', 'pinterest', 'reddit', 'snapchat', 'threads',
    'mastodon', 'bluesky', 'flipboard', 'messenger', 'rss', 'podcast', 'app store', 'google play', 'ios', 'android',
  ],
  // Legal, consent and publisher furniture.
  legal: [
    'cookie', 'cookies', 'privacy', 'consent', 'gdpr', 'rights reserved', 'copyright', 'all rights', 'disclaimer', 'affiliate',
    'sponsored', 'advertisement', 'advertising', 'javascript', 'browser',
    'confidentialite', 'consentement', 'droits reserves', 'mentions legales', 'donnees personnelles', 'publicite',
    'navigateur', 'sponsorise', 'reproduction interdite', 'repris',
    'datenschutz', 'impressum', 'einwilligung', 'werbung', 'anzeige', 'rechte vorbehalten', 'nutzungsbedingungen',
    'privacidad', 'derechos reservados', 'publicidad', 'aviso legal',
  ],
  // Captions, credits and labels of media.
  credit: [
    'photo', 'photos', 'image', 'images', 'picture', 'credit', 'credits', 'caption', 'video', 'getty', 'afp', 'reuters', 'ap', 'illustration',
    'credit photo', 'legende', 'infographie', 'foto', 'fotos', 'bild', 'bilder', 'quelle', 'grafik', 'imagen', 'fuente',
  ],
  // Second-person address, which calls to action use and news prose rarely does.
  you: ['you', 'your', 'yours', 'vous', 'votre', 'vos', 'tu', 'ton', 'ta', 'tes', 'sie', 'ihr', 'ihre', 'dein', 'deine', 'du', 'usted', 'tu', 'su', 'te'],
};

export type CueKind = keyof typeof WORDS;
export const CUE_KINDS = Object.keys(WORDS) as CueKind[];

const NON_ASCII = /[^\x00-\x7f]/;
export function fold(s: string): string {
  // Accents come off by decomposition, which ASCII text does not need.
  const bare = NON_ASCII.test(s) ? s.normalize('NFD').replace(/\p{M}/gu, '') : s;
  return bare.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

// One pass over the folded text: a regex of every word and phrase (longest first), each mapped to
// the kinds that list it.
const KINDS_OF = new Map<string, CueKind[]>();
for (const k of CUE_KINDS) for (const w of new Set(WORDS[k].map(fold))) KINDS_OF.set(w, [...(KINDS_OF.get(w) ?? []), k]);
const ANY = new RegExp(`(?:^| )(${[...KINDS_OF.keys()].sort((a, b) => b.length - a.length).join('|')})(?= |$)`, 'g');

/** How many words of each kind a folded text holds, and whether one opens it. */
export function cues(folded: string): { counts: Record<CueKind, number>; starts: Record<CueKind, boolean> } {
  const counts = Object.fromEntries(CUE_KINDS.map((k) => [k, 0])) as Record<CueKind, number>;
  const starts = Object.fromEntries(CUE_KINDS.map((k) => [k, false])) as Record<CueKind, boolean>;
  ANY.lastIndex = 0;
  for (let m = ANY.exec(folded); m; m = ANY.exec(folded)) {
    for (const k of KINDS_OF.get(m[1]!)!) {
      counts[k]++;
      if (m.index === 0) starts[k] = true;
    }
    // Matches do not overlap; the space the next word needs was not consumed.
  }
  return { counts, starts };
}
