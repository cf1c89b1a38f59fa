// Events: triggers, participants, dates and merging on French and English sentences written for
// these tests (a fictional CEO fired, an interim named, a rival hires him, he returns).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findEntities } from '../src/entities/index.ts';
import { findEvents, type StoryEvent } from '../src/events/index.ts';
import { fold } from '../src/text/unicode.ts';
import type { StoryArticle } from '../src/types.ts';

const art = (id: string, text: string, language = 'fr', publishedAt: string | null = '2024-03-08T18:00:00', site: string | null = null): StoryArticle => ({
  id, title: '', text, language, publishedAt, publishedAtSource: publishedAt ? 'metadata' : null, ingestedAt: '2024-06-01T00:00:00Z', url: null, site,
});
function run(articles: StoryArticle[]): { events: StoryEvent[]; who: (id: string | null) => string } {
  const an = findEntities(articles);
  const { events } = findEvents(articles, an);
  return { events, who: (id) => (id ? (an.byId.get(id)?.name ?? '?') : '') };
}
const find = (r: ReturnType<typeof run>, type: string, subject: string): StoryEvent[] => r.events.filter((e) => e.type === type && fold(r.who(e.subjectId)) === fold(subject));

describe('findEvents', () => {
  it('a dismissal with its organisation and its date from the same clause', () => {
    const r = run([art('a', "Le conseil d'administration de Veltrix a limogé vendredi son PDG, Paul Mercadier.")]);
    const [e] = find(r, 'dismissal', 'Paul Mercadier');
    assert.ok(e, JSON.stringify(r.events.map((x) => x.summary)));
    assert.equal(r.who(e.orgId), 'Veltrix');
    assert.equal(e.date.start, '2024-03-08');
    assert.equal(e.strength, 'explicit');
  });

  it('passive, pronoun and noun forms find the person they are about', () => {
    const r = run([art('a', "Paul Mercadier dirigeait Veltrix depuis 2015. Il a été démis de ses fonctions jeudi. Le limogeage de Paul Mercadier surprend. Claire Fontanel a démissionné le lendemain.")]);
    assert.equal(find(r, 'dismissal', 'Paul Mercadier').length, 1, 'two reports of one dismissal merge');
    assert.equal(find(r, 'dismissal', 'Paul Mercadier')[0]!.sources.length, 2);
    assert.equal(find(r, 'resignation', 'Claire Fontanel').length, 1);
  });

  it('French passives: a role word with its holder in apposition, a participle qualifying a name', () => {
    const r = run([art('a', "Le PDG de Veltrix, Paul Mercadier, a été limogé jeudi. Claire Fontanel, désignée à la tête de Norvane le 21 février, prend ses fonctions lundi.")]);
    const [e] = find(r, 'dismissal', 'Paul Mercadier');
    assert.ok(e, `the holder, not the organisation of the role word: ${JSON.stringify(r.events.map((x) => x.summary))}`);
    assert.equal(e.date.start, '2024-03-07');
    const named = find(r, 'appointment', 'Claire Fontanel').find((x) => x.date.start === '2024-02-21');
    assert.ok(named, `« désignée » is what happened to the name it qualifies: ${JSON.stringify(r.events.map((x) => x.summary))}`);
  });

  it('an event noun under a complement of a verb is not about that verb\'s subject (« l\'enquête qu\'il avait commandée sur les circonstances du limogeage »)', () => {
    const r = run([art('a', "Lukas Heinemann cédera sa place jeudi. L’enquête indépendante qu’il avait commandée mardi sur les circonstances du limogeage sera menée à son terme, précise le communiqué.")]);
    assert.equal(find(r, 'dismissal', 'Lukas Heinemann').length, 0, JSON.stringify(r.events.map((x) => x.summary)));
  });

  it('French verbs the lemmatizer reads on the wrong infinitive are still the vocabulary\'s; general vocabulary of what happens', () => {
    // « accueillait » is lemmatized "accueiller"; the vocabulary has « accueillir ».
    const r = run([art('a', "Mardi, Laurent Fabius accueillait à Roissy un avion. Mercredi, Volvo a dégagé un bénéfice de 3 milliards. Dans la nuit, l’autre cofondateur, Tomás Ferreira, claque la porte. Le conseil de Norvane a mis fin aux fonctions de Paul Mercadier jeudi.")]);
    assert.equal(find(r, 'resignation', 'Tomás Ferreira').length, 1, '« claque la porte »: resigns');
    assert.equal(find(r, 'dismissal', 'Paul Mercadier')[0]?.date.start, '2024-03-07', '« a mis fin aux fonctions de »: dismissed');
    // « prendra » is lemmatized "penir": a future is built on the infinitive (prendre).
    const f = run([art('b', 'Claire Fontanel prendra la tête de Norvane le 2 avril.')]);
    assert.equal(find(f, 'appointment', 'Claire Fontanel')[0]?.date.start, '2024-04-02', JSON.stringify(f.events.map((x) => x.summary)));
    assert.ok(r.events.some((e) => e.sources[0]!.trigger.includes('accueillait')), JSON.stringify(r.events.map((x) => x.summary)));
    assert.ok(r.events.some((e) => e.type === 'other' && r.who(e.subjectId) === 'Volvo' && /dégagé un bénéfice/.test(e.sources[0]!.trigger)), JSON.stringify(r.events.map((x) => x.summary)));
  });

  it('interim appointments carry their role and interim marker', () => {
    const r = run([art('a', "Chez Veltrix, Claire Fontanel, directrice financière, a été nommée PDG par intérim.")]);
    const [e] = find(r, 'appointment', 'Claire Fontanel');
    assert.ok(e);
    assert.equal(e.role, 'ceo');
    assert.equal(e.interim, true);
    assert.equal(r.who(e.orgId), 'Veltrix');
  });

  it('English: named interim CEO, fired, stepped down, joins', () => {
    const r = run([art('e', 'Acme Robotics named Jane Whitcombe interim CEO on Monday. Tom Raskin was fired by Acme Robotics last week. Lena Ortiz stepped down on Friday. Tom Raskin joins Brightwater Labs.', 'en', '2024-05-08T10:00:00')]);
    const [a] = find(r, 'appointment', 'Jane Whitcombe');
    assert.ok(a && a.role === 'ceo' && a.interim, JSON.stringify(r.events.map((x) => x.summary)));
    assert.equal(a.date.start, '2024-05-06');
    assert.equal(find(r, 'dismissal', 'Tom Raskin').length, 1);
    assert.equal(find(r, 'resignation', 'Lena Ortiz')[0]?.date.start, '2024-05-03');
    assert.equal(r.who(find(r, 'hire', 'Tom Raskin')[0]?.orgId ?? null), 'Brightwater Labs');
  });

  it('threats, wishes and possibilities are not events; denials are negative claims', () => {
    const r = run([art('a', "Les salariés de Veltrix ont menacé de démissionner. Un éventuel retour de Paul Mercadier est évoqué. Claire Fontanel n'a pas démissionné.")]);
    assert.equal(r.events.filter((e) => e.type === 'resignation' && !e.negative).length, 0);
    assert.equal(find(r, 'return', 'Paul Mercadier').length, 0);
    assert.equal(find(r, 'resignation', 'Claire Fontanel')[0]?.negative, true);
  });

  it('a hire or a return into a named role is an appointment to that role', () => {
    const r = run([art('a', "Dimanche soir, le conseil de Norvane a embauché Paul Mercadier en tant que nouveau PDG. Veltrix a annoncé le retour de Claire Fontanel comme directrice générale.")]);
    const [h] = find(r, 'appointment', 'Paul Mercadier');
    assert.ok(h && h.role === 'ceo' && r.who(h.orgId) === 'Norvane', JSON.stringify(r.events.map((x) => x.summary)));
    assert.equal(h.date.start, '2024-03-03');
    const [ret] = find(r, 'appointment', 'Claire Fontanel');
    assert.ok(ret && ret.isReturn && ret.role === 'ceo');
  });

  it('coordinated subjects each get their event; a reporting clause dates what it reports', () => {
    const r = run([art('a', "Lundi 4 mars, Norvane a révélé que Paul Mercadier et Claire Fontanel rejoignaient Norvane.")]);
    for (const p of ['Paul Mercadier', 'Claire Fontanel']) {
      const [e] = find(r, 'hire', p);
      assert.ok(e, p);
      assert.equal(e.date.start, '2024-03-04');
      assert.equal(e.strength, 'inherited');
    }
  });

  it('one event, many sources: reports merge across articles, each keeping its sentence and report time', () => {
    const r = run([
      art('a', 'Veltrix a limogé vendredi son PDG, Paul Mercadier.'),
      art('b', 'Paul Mercadier had been fired by Veltrix on March 8.', 'en', '2024-03-11T09:00:00'),
      art('c', 'Le licenciement de Paul Mercadier a surpris.', 'fr', null),
    ]);
    const list = find(r, 'dismissal', 'Paul Mercadier');
    assert.equal(list.length, 1, JSON.stringify(r.events.map((x) => x.summary)));
    const e = list[0]!;
    assert.deepEqual(e.sources.map((s) => s.articleId).sort(), ['a', 'b', 'c']);
    assert.equal(e.sources.find((s) => s.articleId === 'b')!.reportedAt, '2024-03-11T09:00:00');
    assert.ok(e.sources.every((s) => s.sentence.includes('Mercadier')));
    assert.equal(e.date.start, '2024-03-08');
  });

  it('English: a phase verb yields to what it governs, a present-tense description is no event, an apposition names the subject', () => {
    const r = run([art('e', 'Norvane Air will begin to fly the Kestrel 400 in 2026. The Kestrel 400 is built with two engines. Nordic regional carrier , Norvane Air , announced today that it had ordered ten jets.', 'en', '2024-05-08T10:00:00')]);
    const lemmas = r.events.map((e) => e.lemma);
    assert.ok(lemmas.includes('fly') && !lemmas.includes('begin'), JSON.stringify(r.events.map((x) => x.summary)));
    assert.equal(r.events.find((e) => e.lemma === 'fly')?.date.start?.slice(0, 4), '2026');
    assert.ok(!lemmas.includes('build'), 'a state told in the present');
    assert.equal(find(r, 'announcement', 'Norvane Air').length, 1, JSON.stringify(r.events.map((x) => x.summary)));
  });

  it('a headline told without a date takes the date its body gives the same happening', () => {
    const r = run([art('e', 'Halvik Aero unveils Kestrel 400\n\nHalvik Aero unveiled the Kestrel 400 on Tuesday in Oslo.', 'en', '2024-05-08T10:00:00')]);
    const launches = r.events.filter((e) => e.type === 'launch');
    assert.equal(launches.length, 1, JSON.stringify(r.events.map((x) => x.summary)));
    assert.equal(launches[0]!.sources.length, 2);
    assert.equal(launches[0]!.date.start, '2024-05-07');
  });

  it('different dates for one kind of event stay apart', () => {
    const r = run([art('a', 'Paul Mercadier a démissionné le 3 janvier 2023. Paul Mercadier a encore démissionné le 5 février 2024.')]);
    assert.equal(find(r, 'resignation', 'Paul Mercadier').length, 2);
  });
});
