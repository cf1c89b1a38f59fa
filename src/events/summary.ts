// One sentence saying what happened, in plain English, for lists and feeds. Personnel events say
// who, which role and where; the others quote their trigger as the source wrote it, accents and
// all (« a révoqué », "has won").
import type { EntityAnalysis } from '../entities/index.ts';
import type { StoryEvent } from './types.ts';

const ROLE_NAMES: Record<string, string> = { ceo: 'CEO', cto: 'CTO', cfo: 'CFO', coo: 'COO', chair: 'chair', president: 'president', 'board-member': 'board member', founder: 'founder', employee: 'employee' };

export function summarize(e: StoryEvent, an: EntityAnalysis): string {
  const name = (id: string | null): string => (id ? (an.byId.get(id)?.name ?? '?') : '');
  const S = name(e.subjectId) || 'Someone';
  const O = e.orgId && e.orgId !== e.subjectId ? name(e.orgId) : '';
  const role = e.role ? `${e.interim ? 'interim ' : ''}${ROLE_NAMES[e.role] ?? e.role}` : '';
  const not = e.negative ? ' not' : '';
  const at = (prep: string): string => (O ? ` ${prep} ${O}` : '');
  const trigger = e.sources[0]?.trigger ?? e.lemma;
  switch (e.type) {
    case 'dismissal': return `${S} was${not} dismissed${role ? ` as ${role}` : ''}${at(role ? 'of' : 'from')}.`;
    case 'resignation': return `${S} did${e.negative ? ' not' : ''} resign${role ? ` as ${role}` : ''}${at(role ? 'of' : 'from')}.`;
    case 'departure': return /revenir|reprendre|return|come back/.test(e.lemma) && e.negative ? `${S} will not return${role ? ` as ${role}` : ''}${at('to')}.` : `${S} did${e.negative ? ' not' : ''} leave${O ? ` ${O}` : ''}.`;
    case 'hire': return `${S} was${not} hired${at('by')}.`;
    case 'return': return `${S} did${e.negative ? ' not' : ''} return${at('to')}.`;
    case 'appointment': return `${S} was${not} ${e.isReturn ? 'brought back' : 'appointed'}${role ? ` as ${role}` : ''}${at(role ? 'of' : 'at')}.`;
    case 'letter': return `${S}${e.negative ? ' did not send' : ''}: a letter${O && O !== S ? ` (${O})` : ''} — “${trigger}”.`;
    default: {
      const obj = e.objectId ? ` ${name(e.objectId)}` : '';
      return `${S}: ${e.type}${e.negative ? ' (denied)' : ''} — “${trigger}”${obj}${O && !obj.includes(O) ? ` (${O})` : ''}.`;
    }
  }
}
