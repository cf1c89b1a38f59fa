// Role labels (French, English) → canonical roles. Patterns are matched on folded text (lower
// case, no accents, straight apostrophes); longer labels are tried first, so "président du
// conseil d'administration" is a chair and not a president, "directeur technique" a CTO and
// not a bare "directeur". `contextual` labels only count where the context makes them a role
// at an organisation (see entities/roles.ts).

export interface RoleLabel {
  pattern: string;
  role: string;
  /** Only a role where the context says so (bare "directeur", "director", "head"). */
  contextual?: boolean;
}

export const ROLE_LABELS: readonly RoleLabel[] = [
  // ceo
  { pattern: 'president-directeur general', role: 'ceo' },
  { pattern: 'presidente-directrice generale', role: 'ceo' },
  { pattern: 'p\\.-?d\\.-?g\\.', role: 'ceo' },
  { pattern: 'pdg', role: 'ceo' },
  { pattern: 'directeur general', role: 'ceo' },
  { pattern: 'directrice generale', role: 'ceo' },
  { pattern: 'directeur executif', role: 'ceo' },
  { pattern: 'directrice executive', role: 'ceo' },
  { pattern: 'dg', role: 'ceo' },
  { pattern: 'patron', role: 'ceo' },
  { pattern: 'patronne', role: 'ceo' },
  { pattern: 'co-?ceo', role: 'ceo' },
  { pattern: 'ceo', role: 'ceo' },
  { pattern: 'chief executive officer', role: 'ceo' },
  { pattern: 'chief executive', role: 'ceo' },
  { pattern: 'co-?chief executive', role: 'ceo' },
  { pattern: 'managing director', role: 'ceo' },
  { pattern: 'conseiller delegue', role: 'ceo' },
  { pattern: 'conseillere deleguee', role: 'ceo' },
  { pattern: 'consejero delegado', role: 'ceo' },
  { pattern: 'administrateur delegue', role: 'ceo' },
  { pattern: 'administratrice deleguee', role: 'ceo' },
  { pattern: 'directeur', role: 'ceo', contextual: true },
  { pattern: 'directrice', role: 'ceo', contextual: true },
  { pattern: 'director', role: 'ceo', contextual: true },
  { pattern: 'head', role: 'ceo', contextual: true },
  { pattern: 'boss', role: 'ceo' },
  // cto
  { pattern: 'cto', role: 'cto' },
  { pattern: 'chief technology officer', role: 'cto' },
  { pattern: 'chief technical officer', role: 'cto' },
  { pattern: 'directeur technique', role: 'cto' },
  { pattern: 'directrice technique', role: 'cto' },
  { pattern: 'directeur de la technologie', role: 'cto' },
  { pattern: 'directrice de la technologie', role: 'cto' },
  { pattern: 'directeur des technologies', role: 'cto' },
  { pattern: 'directrice des technologies', role: 'cto' },
  // other chiefs
  { pattern: 'cfo', role: 'cfo' },
  { pattern: 'chief financial officer', role: 'cfo' },
  { pattern: 'directeur financier', role: 'cfo' },
  { pattern: 'directrice financiere', role: 'cfo' },
  { pattern: 'coo', role: 'coo' },
  { pattern: 'chief operating officer', role: 'coo' },
  { pattern: 'directeur des operations', role: 'coo' },
  { pattern: 'directrice des operations', role: 'coo' },
  { pattern: 'chief scientist', role: 'chief-scientist' },
  { pattern: 'directeur scientifique', role: 'chief-scientist' },
  { pattern: 'directrice scientifique', role: 'chief-scientist' },
  // chair, president, board
  { pattern: 'president du conseil d\'administration', role: 'chair' },
  { pattern: 'presidente du conseil d\'administration', role: 'chair' },
  { pattern: 'president du conseil de surveillance', role: 'chair' },
  { pattern: 'presidente du conseil de surveillance', role: 'chair' },
  { pattern: 'president du conseil', role: 'chair' },
  { pattern: 'presidente du conseil', role: 'chair' },
  { pattern: 'chairman of the board', role: 'chair' },
  { pattern: 'chair of the board', role: 'chair' },
  { pattern: 'chairman', role: 'chair' },
  { pattern: 'chairwoman', role: 'chair' },
  { pattern: 'chairperson', role: 'chair' },
  // the verb: « le conseil, présidé par X »
  { pattern: 'presidee?s? par', role: 'chair' },
  { pattern: 'vice-presidente', role: 'vice-president' },
  { pattern: 'vice-president', role: 'vice-president' },
  { pattern: 'vice president', role: 'vice-president' },
  { pattern: 'presidence du conseil d\'administration', role: 'chair' },
  { pattern: 'presidence', role: 'president' },
  { pattern: 'presidency', role: 'president' },
  { pattern: 'presidente', role: 'president' },
  { pattern: 'president', role: 'president' },
  { pattern: 'membre du conseil d\'administration', role: 'board-member' },
  { pattern: 'membre du conseil', role: 'board-member' },
  { pattern: 'administrateur', role: 'board-member' },
  { pattern: 'administratrice', role: 'board-member' },
  { pattern: 'board member', role: 'board-member' },
  { pattern: 'member of the board', role: 'board-member' },
  // founders
  { pattern: 'co-?fondateur', role: 'founder' },
  { pattern: 'co-?fondatrice', role: 'founder' },
  { pattern: 'fondateur', role: 'founder' },
  { pattern: 'fondatrice', role: 'founder' },
  { pattern: 'co-?founder', role: 'founder' },
  { pattern: 'founder', role: 'founder' },
  // staff
  { pattern: 'chercheur', role: 'employee' },
  { pattern: 'chercheuse', role: 'employee' },
  { pattern: 'ingenieur', role: 'employee' },
  { pattern: 'ingenieure', role: 'employee' },
  { pattern: 'salarie', role: 'employee' },
  { pattern: 'salariee', role: 'employee' },
  { pattern: 'employe', role: 'employee' },
  { pattern: 'employee', role: 'employee' },
  { pattern: 'researcher', role: 'employee' },
  { pattern: 'engineer', role: 'employee' },
  { pattern: 'porte-parole', role: 'spokesperson' },
  { pattern: 'spokesman', role: 'spokesperson' },
  { pattern: 'spokeswoman', role: 'spokesperson' },
  { pattern: 'spokesperson', role: 'spokesperson' },
];

/** Words that, right after a contextual label, make it a department head and not the head of the organisation. */
export const DEPARTMENT_WORDS = /^\s+(?:de la |du |des |de l'|of |d')?(?:recherche|research|communication|communications|marketing|ventes|sales|programme|program|projet|project|produit|product|produits|products|strategie|strategy|ressources|human|juridique|legal|securite|security|design|innovation|information|redaction|publication|laboratoire|lab|cabinet|campagne|campaign|musee|museum|film|theatre|ecole|school|departement|department|division|service|pole)\b/;

/** Interim markers, searched right around a label. */
export const INTERIM = /\b(?:par interim|interimaire|a titre interimaire|interim|acting|p\.i\.)\b/;
/** Former markers, searched right before a label (or its chain). */
export const FORMER_BEFORE = /\b(?:ancien|ancienne|anciens|ex-|former|previously|auparavant|precedemment|jusqu'ici|jusqu'alors|once)\s*(?:\S+\s+){0,2}$/;
/** Words that may sit between chained labels: "patron et cofondateur", "cofounder and former CEO". */
export const CHAIN_GAP = /^\s*(?:,|et|and|&)\s*(?:(?:ancien|ancienne|former|actuel|actuelle|current|nouveau|nouvelle|new|son|sa|its|his|her|le|la|l'|the)\s+)*$/;
/** Exclusive roles: a new holder ends the previous one's term. */
export const EXCLUSIVE_ROLES: ReadonlySet<string> = new Set(['ceo', 'cto', 'cfo', 'coo', 'chair', 'president', 'chief-scientist']);
