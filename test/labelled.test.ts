// The labelled sample agrees with the texts it labels (every offset slices to its quoted mention,
// inside its sentence), follows the guide's formats, and the scorer gives a system that says
// exactly the labels precision and recall 1, and less to one that is off by a character.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultSharedDir } from '../eval/harness.ts';
import { dateAgrees, documentText, loadLabels, scoreAnalysis, type LabelledDocument } from '../eval/suites/labelled.ts';
import { fold } from '../src/text/unicode.ts';
import type { StoryAnalysis } from '../src/timeline/index.ts';
import type { ExportEntity, ExportEvent } from '../src/types.ts';

const evalDir = join(defaultSharedDir(), 'eval');
const docs = loadLabels();
const absent = docs.some((d) => !existsSync(join(evalDir, d.path)));
const KINDS = new Set(['person', 'organization', 'place', 'product', 'other']);
const TYPES = new Set(['appointment', 'dismissal', 'resignation', 'hire', 'return', 'departure', 'announcement', 'statement', 'letter', 'launch', 'investment', 'other']);
const ROLES = new Set(['subject', 'object', 'organization', 'agent', 'position']);

/** What a system that says exactly the labels would output. */
function perfect(doc: LabelledDocument, text: string, shift = 0): StoryAnalysis {
  const entities = new Map<string, ExportEntity>();
  const entityFor = (name: string, type: ExportEntity['type'] = 'other'): ExportEntity => {
    const key = fold(name);
    let e = entities.get(key);
    if (!e) entities.set(key, (e = { id: `e${entities.size}`, name, type, aliases: [], mentions: [], roles: [] }));
    return e;
  };
  for (const s of doc.sentences) for (const [t, a, b, k] of s.mentions) { const e = entityFor(t, k); e.type = k; e.mentions.push({ articleId: doc.id, text: t, start: a + shift, end: b + shift }); }
  const events: ExportEvent[] = [];
  for (const s of doc.sentences)
    for (const g of s.events) {
      const d = g.date;
      const date: ExportEvent['date'] = d === null ? { start: null, end: null, precision: 'unknown', text: '' } : d === 'reported' ? { start: doc.reported, end: null, precision: 'day', text: '' } : { start: 'value' in d ? d.value : d.from, end: null, precision: d.precision, text: '' };
      events.push({ id: `v${events.length}`, storyId: 's', type: g.type as ExportEvent['type'], summary: '', participants: g.participants.filter((p) => p.role !== 'position').map((p) => ({ entityId: entityFor(p.name).id, role: p.role as 'subject' })), date, sources: [{ articleId: doc.id, sentence: text.slice(s.start, s.end), reportedAt: null }], status: 'reported', supersededBy: null, contradicts: [] });
    }
  return { entities: [...entities.values()], events, quotations: [], inferredDates: {} };
}

describe('labelled sample (eval/labels/entities-events.json)', () => {
  it('has at least 200 mentions and 100 events, in both languages', () => {
    const count = (lang: string, f: (d: LabelledDocument) => number): number => docs.filter((d) => d.language === lang).reduce((n, d) => n + f(d), 0);
    const mentions = (d: LabelledDocument): number => d.sentences.reduce((n, s) => n + s.mentions.length, 0);
    const events = (d: LabelledDocument): number => d.sentences.reduce((n, s) => n + s.events.length, 0);
    assert.ok(count('en', mentions) + count('fr', mentions) >= 200);
    assert.ok(count('en', events) + count('fr', events) >= 100);
    for (const lang of ['en', 'fr']) assert.ok(count(lang, mentions) >= 50 && count(lang, events) >= 25, lang);
  });

  it('follows the guide\'s formats', () => {
    const problems: string[] = [];
    for (const d of docs) {
      if (!/^\d{4}-\d\d-\d\d$/.test(d.reported)) problems.push(`${d.id}: reported ${d.reported}`);
      let last = -1;
      for (const s of d.sentences) {
        if (s.start < last || s.end <= s.start) problems.push(`${d.id} s${s.id}: sentences overlap or are empty`);
        last = s.end;
        for (const [t, a, b, k] of s.mentions) if (!KINDS.has(k) || a < s.start || b > s.end || b - a !== t.length) problems.push(`${d.id} s${s.id}: mention ${t} [${a}, ${b}) ${k}`);
        for (const e of s.events) {
          if (!TYPES.has(e.type)) problems.push(`${d.id} s${s.id}: type ${e.type}`);
          if (!e.participants.some((p) => p.role === 'subject')) problems.push(`${d.id} s${s.id}: ${e.type} without subject`);
          for (const p of e.participants) if (!ROLES.has(p.role)) problems.push(`${d.id} s${s.id}: role ${p.role}`);
          const dt = e.date;
          const iso = /^\d{4}(-\d\d(-\d\d)?)?$/;
          if (dt !== null && dt !== 'reported' && !('value' in dt ? iso.test(dt.value) : iso.test(dt.from) && iso.test(dt.to) && dt.from <= dt.to)) problems.push(`${d.id} s${s.id}: date ${JSON.stringify(dt)}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every offset slices to its quoted mention; every participant is named in its document', { skip: absent && `${evalDir} lacks the labelled documents` }, () => {
    const problems: string[] = [];
    for (const d of docs) {
      const { text } = documentText(evalDir, d);
      const folded = fold(text);
      for (const s of d.sentences) {
        if (s.end > text.length) problems.push(`${d.id} s${s.id}: past the end`);
        for (const [t, a, b] of s.mentions) if (text.slice(a, b) !== t) problems.push(`${d.id} s${s.id}: [${a}, ${b}) is ${JSON.stringify(text.slice(a, b))}, not ${JSON.stringify(t)}`);
        for (const e of s.events) for (const p of e.participants) if (p.role !== 'position' && !folded.includes(fold(p.name))) problems.push(`${d.id} s${s.id}: participant ${p.name} is not in the text`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('scores a system that says exactly the labels 1, and one off by a character less', { skip: absent && `${evalDir} lacks the labelled documents` }, () => {
    for (const d of docs) {
      const { text } = documentText(evalDir, d);
      const texts = new Map([[d.id, text]]);
      const r = scoreAnalysis(perfect(d, text), [d], texts);
      assert.equal(r.mentions.tp, r.mentions.pred, `${d.id} mentions`);
      assert.equal(r.mentions.goldHit, r.mentions.gold, `${d.id} mention recall`);
      assert.equal(r.events.tp, r.events.pred, `${d.id} events`);
      assert.equal(r.events.goldHit, r.events.gold, `${d.id} event recall`);
      if (r.mentions.gold) assert.ok(scoreAnalysis(perfect(d, text, 1), [d], texts).mentions.tp < r.mentions.gold, `${d.id}: shifted spans must not match`);
    }
  });

  it('dates agree as the guide says', () => {
    const d = (start: string | null, precision: ExportEvent['date']['precision']): ExportEvent['date'] => ({ start, end: null, precision, text: '' });
    assert.ok(dateAgrees({ value: '2009-12-15', precision: 'day' }, d('2009-12-15', 'day'), '2009-12-16'));
    assert.ok(!dateAgrees({ value: '2009-12-15', precision: 'day' }, d('2009-12-01', 'month'), '2009-12-16'));
    assert.ok(dateAgrees({ value: '2009-12', precision: 'month' }, d('2009-12-15', 'day'), '2009-12-16'));
    assert.ok(!dateAgrees({ value: '2009', precision: 'year' }, d('2010-01-01', 'year'), '2010-01-25'));
    assert.ok(dateAgrees('reported', d('2010-01-20', 'day'), '2010-01-25'));
    assert.ok(!dateAgrees('reported', d('2010-01-10', 'day'), '2010-01-25'));
    assert.ok(!dateAgrees('reported', d(null, 'unknown'), '2010-01-25'));
    assert.ok(dateAgrees(null, d(null, 'unknown'), '2010-01-25'));
    assert.ok(!dateAgrees(null, d('2010-01-25', 'day'), '2010-01-25'));
    assert.ok(dateAgrees({ from: '2024-04', to: '2024-06', precision: 'month' }, d('2024-06-30', 'day'), '2024-07-18'));
  });
});
