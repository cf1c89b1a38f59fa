// The claim ledger: supersession, contradictions, statuses, role states over time, inferred
// dates, the export shape of analyzeStory — on the fictional story of fixtures/timeline/ — and
// the seed gold's must-checks when ../shared is present.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultSharedDir } from '../eval/harness.ts';
import { runSeeds } from '../eval/suites/seeds.ts';
import { timelineChecks } from '../eval/suites/timeline.ts';
import { fold } from '../src/text/unicode.ts';
import { analyzeStory, roleHolder, type StoryAnalysis } from '../src/timeline/index.ts';
import type { ExportEvent, StoryArticle } from '../src/types.ts';

const dir = join(import.meta.dirname, '..', 'fixtures', 'timeline', 'veltrix');
const { articles } = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as { articles: StoryArticle[] };
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
const art = (id: string, text: string, publishedAt: string | null, site: string | null = null, language = 'fr'): StoryArticle => ({
  id, title: '', text, language, publishedAt, publishedAtSource: publishedAt ? 'metadata' : null, ingestedAt: '2024-06-01T00:00:00Z', url: null, site,
});
const idOf = (r: StoryAnalysis, n: string): string | undefined => r.entities.find((e) => fold(e.name) === fold(n) || e.aliases.some((a) => fold(a) === fold(n)))?.id;
const eventsOf = (r: StoryAnalysis, type: string, who: string): ExportEvent[] => r.events.filter((e) => e.type === type && e.participants.some((p) => p.role === 'subject' && p.entityId === idOf(r, who)));

describe('buildTimeline and analyzeStory', () => {
  const r = analyzeStory('story-veltrix', articles);

  it('matches the golden fixture: events, statuses, supersession', () => {
    const byKey = new Map<string, ExportEvent>();
    for (const g of expected.events) {
      const cands = eventsOf(r, g.type, g.who).filter((e) => e.participants.some((p) => p.role === 'organization' && p.entityId === idOf(r, g.organization)));
      // The event's role is read where the export keeps it: the subject's role state built from it.
      const holds = (x: ExportEvent): boolean => {
        if (!g.role) return true;
        const keys = new Set(x.sources.map((s) => `${s.articleId}|${s.sentence}`));
        return r.entities.find((en) => en.id === idOf(r, g.who))!.roles.some((ro) => ro.role === g.role && (g.interim === undefined || ro.interim === g.interim) && ro.sources.some((s) => keys.has(`${s.articleId}|${s.sentence}`)));
      };
      const e = cands.find((x) => (!g.date || x.date.start === g.date) && holds(x));
      assert.ok(e, `${g.type} ${g.who}: ${JSON.stringify(r.events.map((x) => x.summary))}`);
      assert.deepEqual([...new Set(e.sources.map((s) => s.articleId))].sort(), g.articles, `${g.type} ${g.who} sources`);
      if (g.key) byKey.set(g.key, e);
      if (g.status) assert.equal(e.status, g.status, `${g.type} ${g.who} status`);
    }
    for (const g of expected.events) if (g.supersededBy) {
      const e = eventsOf(r, g.type, g.who).find((x) => x.status === 'superseded')!;
      assert.equal(e.supersededBy, byKey.get(g.supersededBy)!.id, 'superseded by the return, not deleted');
    }
  });

  it('answers who held a role at a date, interim included, derived from the events', () => {
    for (const s of expected.roles) {
      const h = roleHolder(r, s.organization, s.role, s.at);
      assert.equal(h?.name, s.holder, `${s.role} of ${s.organization} at ${s.at}`);
      if (s.interim !== undefined) assert.equal(h?.interim, s.interim);
    }
    const fontanel = r.entities.find((e) => e.name === 'Claire Fontanel')!;
    const interim = fontanel.roles.find((x) => x.role === 'ceo' && x.interim)!;
    assert.equal(interim.from, '2024-03-08');
    assert.equal(interim.to, '2024-03-12', 'the term ends when the permanent CEO comes back');
  });

  it('dates role states by the events that open and close them, not by stray dates or one late source (demo story, Veltrane)', () => {
    // Sentences of the demo corpus (demo/README.md): Vollmer, CEO, dismissed on Friday 6 March
    // 2026; Marchetti interim from that day; Vollmer back on the 11th. "in 2017" (the founding)
    // must not end Vollmer's term, and a later source dating Marchetti's replacement ("dimanche
    // soir") must not move the start of his term, which the first report told as done on the 6th.
    const res = analyzeStory('s', [
      art('d01', 'Ce vendredi 6 mars, en fin d’après-midi, le conseil d’administration de Veltrane a annoncé le départ « avec effet immédiat » de sa PDG et cofondatrice, Katarina Vollmer.\n\nLe directeur technique, Julien Marchetti, 41 ans, est nommé PDG par intérim.\n\nFondée en 2017 par Katarina Vollmer et Tomás Ferreira, Veltrane emploie quelque 800 personnes entre Grenoble, Munich et Lisbonne.', '2026-03-06T21:47:00+01:00', 'Le Courrier Éco'),
      art('d02', 'GRENOBLE — The board of Veltrane, the French grid-software company, removed its co-founder and chief executive, Katharina Vollmer, late on Friday, saying she had opened strategic talks “without informing or consulting the board.”\n\nChief technology officer Julien Marchetti was named interim CEO while the board looks for a permanent replacement.\n\nHours later, Tomás Ferreira, who co-founded the company with Ms. Vollmer in 2017 and ran its operations, said he was resigning.', '2026-03-07T08:00:00+01:00', 'The Alpine Ledger', 'en'),
      art('d06', 'Parmi les signataires figure Julien Marchetti, le directeur technique qui avait assuré l’intérim pendant le week-end avant d’être remplacé dimanche soir par Lukas Heinemann.', '2026-03-09T20:10:00+01:00', 'La Gazette du Numérique'),
      art('d07', 'GRENOBLE, March 11 (Vantage Wire) - Katharina Vollmer will return as chief executive of Veltrane, the French grid-software company said early on Wednesday, five days after its board dismissed her.', '2026-03-11T06:15:00Z', 'Vantage Wire', 'en'),
    ]);
    assert.equal(roleHolder(res, 'Veltrane', 'ceo', '2026-03-05')?.name, 'Katarina Vollmer');
    const interim = roleHolder(res, 'Veltrane', 'ceo', '2026-03-07');
    assert.deepEqual([interim?.name, interim?.interim], ['Julien Marchetti', true]);
    assert.equal(roleHolder(res, 'Veltrane', 'ceo', 'latest')?.name, 'Katarina Vollmer');
    const vollmer = res.entities.find((e) => e.name.endsWith('Vollmer'))!;
    const terms = vollmer.roles.filter((x) => x.role === 'ceo').map((x) => [x.from, x.to]).sort();
    assert.deepEqual(terms, [[null, '2026-03-06'], ['2026-03-11', null]], 'ended by the dismissal, back on the 11th');
    assert.ok(vollmer.roles.filter((x) => x.role === 'founder').every((x) => x.to === null), 'a founder stays one');
    const marchetti = res.entities.find((e) => e.name === 'Julien Marchetti')!.roles.filter((x) => x.role === 'ceo');
    assert.deepEqual(marchetti.map((x) => [x.from, x.interim]), [['2026-03-06', true]]);
  });

  it('a second interim is at the organisation he now serves, not the one he once ran, and is not ended on his first day by a departure told in the future (demo story)', () => {
    const res = analyzeStory('s', [
      art('d05', 'The announcement came hours after Veltrane’s board named Lukas Heinemann as its second interim chief executive in three days, ending a weekend of talks with investors.', '2026-03-09T11:30:00+01:00', 'Continental Tech Review', 'en'),
      art('d07', "GRENOBLE, March 11 (Vantage Wire) - Katharina Vollmer will return as chief executive of Veltrane, the French grid-software company said early on Wednesday.\n\nLukas Heinemann, who was named interim CEO on Sunday night, will leave the post once Vollmer's return is formally confirmed at a board meeting on Thursday.", '2026-03-11T06:15:00Z', 'Vantage Wire', 'en'),
      art('d08', 'Katarina Vollmer revient à la tête de Veltrane.\n\nLukas Heinemann, nommé directeur général par intérim dimanche soir, cédera sa place dès la confirmation formelle de l’accord, attendue jeudi lors d’une réunion du nouveau conseil.', '2026-03-11T07:30:00+01:00', 'Le Courrier Éco'),
      art('d09', 'Les discussions échouent dimanche soir : le conseil désigne un second intérimaire, Lukas Heinemann, ancien patron de Brennwerk Logistik, et renvoie Julien Marchetti à ses fonctions techniques.', '2026-03-12T08:00:00+01:00', 'Gouvernance Hebdo'),
    ]);
    const h = roleHolder(res, 'Veltrane', 'ceo', '2026-03-10');
    assert.deepEqual([h?.name, h?.interim], ['Lukas Heinemann', true], JSON.stringify(res.entities.flatMap((e) => e.roles.map((x) => [e.name, x.role, x.organizationId, x.from, x.to]))));
    const veltrane = res.entities.find((e) => e.name === 'Veltrane')!.id;
    const terms = res.entities.find((e) => e.name === 'Lukas Heinemann')!.roles.filter((x) => x.role === 'ceo' && x.organizationId === veltrane && x.status !== 'superseded');
    assert.deepEqual(terms.map((x) => x.from), ['2026-03-08'], '« nommé … dimanche soir » told on Wednesday is the Sunday before');
  });

  it('infers the date of an undated article from its story, with its basis and precision', () => {
    assert.deepEqual(Object.keys(r.inferredDates), ['a2']);
    assert.equal(r.inferredDates.a2!.basis, 'story');
    assert.equal(r.inferredDates.a2!.precision, 'week');
    assert.match(r.inferredDates.a2!.date, /^2024-03-(0[89]|1[0-2])$/);
  });

  it('prefers an article\'s own dated words to its story', () => {
    const res = analyzeStory('s', [art('x', 'Le 14 février 2024, Paul Mercadier a quitté Veltrix.', null), art('y', 'Veltrix recrute.', '2024-03-20T10:00:00')]);
    assert.deepEqual(res.inferredDates.x, { date: '2024-02-14', precision: 'day', basis: 'text' });
  });

  it('keeps contradicting reports side by side', () => {
    const res = analyzeStory('s', [
      art('p', 'Paul Mercadier a démissionné le 4 mars 2024 de Veltrix.', '2024-03-06T10:00:00', 'Le Quotidien'),
      art('q', 'Paul Mercadier resigned from Veltrix on March 1, 2024.', '2024-03-06T11:00:00', 'Wire', 'en'),
    ]);
    const list = eventsOf(res, 'resignation', 'Paul Mercadier');
    assert.equal(list.length, 2, JSON.stringify(res.events.map((e) => e.summary)));
    for (const e of list) {
      assert.equal(e.status, 'contradicted');
      assert.deepEqual(e.contradicts, list.filter((x) => x !== e).map((x) => x.id));
    }
  });

  it('a later denial supersedes a claim; confirmed needs two independent outlets', () => {
    const res = analyzeStory('s', [
      art('p', 'Veltrix a licencié Paul Mercadier le 4 mars 2024.', '2024-03-04T10:00:00', 'Le Quotidien'),
      art('p2', 'Paul Mercadier was fired by Veltrix on March 4, 2024.', '2024-03-04T12:00:00', 'Le Quotidien', 'en'),
      art('q', "Paul Mercadier n'a pas été licencié par Veltrix le 4 mars 2024, précise son avocat.", '2024-03-07T10:00:00', 'Wire'),
    ]);
    const pos = eventsOf(res, 'dismissal', 'Paul Mercadier').find((e) => !e.summary.includes('not'))!;
    const neg = eventsOf(res, 'dismissal', 'Paul Mercadier').find((e) => e.summary.includes('not'))!;
    assert.ok(pos && neg, JSON.stringify(res.events.map((e) => e.summary)));
    assert.equal(pos.sources.length, 2);
    assert.equal(pos.status, 'superseded', 'one outlet twice is not two independent sources; the denial came later');
    assert.equal(pos.supersededBy, neg.id);
  });

  it('returns exactly the export shape, with ids that do not change between runs or stories', () => {
    const again = analyzeStory('story-veltrix', articles);
    assert.deepEqual(again, r);
    const other = analyzeStory('another-story', articles.slice(0, 1));
    assert.equal(idOf(other, 'Paul Mercadier'), idOf(r, 'Paul Mercadier'), 'same person, same id in every story');
    // The fields of CONTRACT.md, and beside them (CONTRACT allows added fields) the cues that say
    // why: how an entity was typed and each mention found, how each role and event was read.
    assert.deepEqual(Object.keys(r).sort(), ['entities', 'events', 'inferredDates', 'quotations']);
    for (const e of r.entities) {
      assert.deepEqual(Object.keys(e).sort(), ['aliases', 'id', 'mentions', 'name', 'roles', 'type', 'typedBy']);
      for (const m of e.mentions) {
        assert.equal(articles.find((a) => a.id === m.articleId)!.text.slice(m.start, m.end), m.text);
        assert.ok(m.cue, `${m.text}: a cue`);
      }
      for (const ro of e.roles) {
        for (const k of ['from', 'interim', 'label', 'organizationId', 'role', 'sources', 'to']) assert.ok(k in ro, k);
        for (const s of ro.sources) assert.ok(s.cue, `role ${ro.role} of ${e.name}: a cue`);
      }
    }
    for (const e of r.events) {
      for (const k of ['contradicts', 'date', 'id', 'participants', 'sources', 'status', 'storyId', 'summary', 'supersededBy', 'type']) assert.ok(k in e, k);
      assert.deepEqual(Object.keys(e.date).sort(), ['end', 'precision', 'start', 'text']);
      for (const s of e.sources) {
        assert.deepEqual(Object.keys(s).sort(), ['articleId', 'cue', 'reportedAt', 'sentence', 'trigger']);
        assert.ok(s.sentence.includes(s.trigger!), `the trigger "${s.trigger}" is quoted as written in its sentence`);
      }
      assert.equal(e.storyId, 'story-veltrix');
    }
    for (const q of r.quotations) assert.ok(q.sentence.includes(q.cue), `quotation cue "${q.cue}" as written`);
  });
});

const shared = defaultSharedDir();
const absent = !existsSync(join(shared, 'seeds')) || !existsSync(join(shared, 'eval', 'seeds', 'gold.json'));
it('seed articles, analysed as one story, pass every entity, role and event must-check of gold.json', { skip: absent && `${shared}/seeds or eval/seeds/gold.json is absent` }, async () => {
  const { doc } = await runSeeds(shared);
  const now = new Date().toISOString();
  const arts: StoryArticle[] = doc.articles.map((a) => ({ id: a.id, title: a.title, text: a.text, language: a.language, publishedAt: a.publishedAt, publishedAtSource: a.publishedAtSource, ingestedAt: now, url: a.url, site: a.site }));
  const keys = new Map(doc.articles.map((a) => [a.id, basename(a.input)]));
  const gold = JSON.parse(readFileSync(join(shared, 'eval', 'seeds', 'gold.json'), 'utf8'));
  const res = analyzeStory('seeds', arts);
  const failed = timelineChecks(res, gold, (id) => keys.get(id) ?? id).filter((c) => c.hard && !c.ok);
  assert.deepEqual(failed.map((c) => `${c.name}: ${c.detail}`), []);
  // "vendredi" in the undated 001 resolves against its inferred date.
  const dismissal = res.events.find((e) => e.type === 'dismissal' && e.sources.some((s) => keys.get(s.articleId)?.startsWith('001')));
  assert.equal(dismissal?.date.start, '2023-11-17');
});
