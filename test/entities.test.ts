// Entities: people, organisations, aliases and role labels in French and English news texts
// written for these tests (a fictional company, its CEO, his rival employer), plus the golden
// fixture in fixtures/timeline/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findEntities, type Entity, type EntityAnalysis } from '../src/entities/index.ts';
import { fold } from '../src/text/unicode.ts';
import type { StoryArticle } from '../src/types.ts';

const art = (id: string, text: string, language = 'fr', publishedAt: string | null = '2024-03-08T12:00:00'): StoryArticle => ({
  id, title: '', text, language, publishedAt, publishedAtSource: publishedAt ? 'metadata' : null, ingestedAt: '2024-03-09T00:00:00Z', url: null, site: null,
});
const byName = (an: EntityAnalysis, n: string): Entity | undefined => an.entities.find((e) => fold(e.name) === fold(n) || e.aliases.some((a) => fold(a) === fold(n)));
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'timeline', 'veltrix', 'input.json'), 'utf8')) as { articles: StoryArticle[] };
const expected = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'timeline', 'veltrix', 'expected.json'), 'utf8'));

describe('findEntities', () => {
  it('finds people and organisations by context, not by lists of names', () => {
    const an = findEntities([art('x', "Le conseil d'administration de Quarnet a limogé son directeur général, Anselme Brivaud. Brivaud dirigeait Quarnet depuis 2019. Chez Quarnet, les salariés de Quarnet sont inquiets.")]);
    assert.equal(byName(an, 'Anselme Brivaud')?.type, 'person');
    assert.ok(byName(an, 'Anselme Brivaud')!.aliases.includes('Brivaud'), 'surname alone is the same person');
    assert.equal(byName(an, 'Quarnet')?.type, 'organization');
  });

  it('gives mentions as UTF-16 offsets into the article text', () => {
    const text = '« Émouvant » : la PDG de Zelkora, Maëlle Kerbrat, a quitté ses fonctions. Kerbrat remercie ses équipes.';
    const an = findEntities([art('x', text)]);
    const p = byName(an, 'Maëlle Kerbrat');
    assert.ok(p, JSON.stringify(an.entities.map((e) => e.name)));
    for (const m of p.mentions) assert.equal(text.slice(m.start, m.end), m.text);
    assert.deepEqual(p.mentions.map((m) => m.text), ['Maëlle Kerbrat', 'Kerbrat']);
  });

  it('never takes sentence-initial function words, weekdays or page furniture for names', () => {
    const an = findEntities([art('x', "Selon la direction, rien n'est décidé. Mais Dimanche soir, Vendredi et Lundi, Les Échos l'ont dit. Lire aussi. Publicité. Ce week-end, Tolvane a recruté Inès Carpentier. Tolvane confirme.")]);
    for (const w of ['Selon', 'Mais', 'Dimanche', 'Vendredi', 'Lundi', 'Ce', 'Lire', 'Publicité', 'Les']) assert.equal(byName(an, w), undefined, `${w} is not an entity`);
    assert.equal(byName(an, 'Tolvane')?.type, 'organization');
  });

  it('a paragraph opening on a first name no list knows keeps it in the person\'s name', () => {
    const an = findEntities([art('x', "Le Premier ministre veut relancer la relation franco-britannique.\n\nKeir Starmer, qui s'entretiendra ce jeudi avec le président français, affirme qu'il souhaite « donner un nouvel élan » à la relation.")]);
    const p = byName(an, 'Keir Starmer');
    assert.equal(p?.type, 'person', JSON.stringify(an.entities.map((e) => [e.name, e.type])));
    assert.ok(!an.entities.some((e) => e.name === 'Starmer'), 'not a one-word name of its own');
  });

  it('a label its sentence ties to no holder goes to the name next to it when the story knows that name as a person', () => {
    // In the first article alone the recogniser reads « Katarina Vollmer » after « retour de » as a place.
    const an = findEntities([
      art('a', 'Les actionnaires veulent le retour de Katarina Vollmer, la PDG cofondatrice démise de ses fonctions vendredi dernier.'),
      art('b', 'Katarina Vollmer, 44 ans, a cofondé Veltrane. Mme Vollmer dirigeait la société depuis 2017.'),
    ]);
    const v = byName(an, 'Katarina Vollmer');
    assert.equal(v?.type, 'person');
    const r = an.roles.find((x) => x.articleId === 'a' && x.label === 'PDG');
    assert.equal(r?.personId, v!.id, JSON.stringify(an.roles.map((x) => [x.articleId, x.label, x.personId, x.cue])));
  });

  it('« le conseil, présidé par X »: X chairs it', () => {
    const an = findEntities([art('x', 'Norvane a publié ses comptes mardi. Le nouveau conseil de Norvane, présidé par Ingrid Sætre, se réunit ce jeudi.')]);
    const r = an.roles.find((x) => x.role === 'chair');
    assert.equal(r && an.byId.get(r.personId!)?.name, 'Ingrid Sætre', JSON.stringify(an.roles));
    assert.equal(r && an.byId.get(r.orgId!)?.name, 'Norvane');
  });

  it('a name is not cut where the recogniser stopped: « l’agence RIA Novosti », « la Corée du Nord »', () => {
    const an = findEntities([art('x', "Dmitri Peskov l'a dit dans une interview à l’agence RIA Novosti publiée vendredi. La Russie a fourni des missiles à la Corée du Nord, affirme Séoul.")]);
    assert.equal(byName(an, 'RIA Novosti')?.type, 'organization', JSON.stringify(an.entities.map((e) => [e.name, e.type])));
    assert.equal(byName(an, 'Corée du Nord')?.type, 'place', JSON.stringify(an.entities.map((e) => [e.name, e.type])));
    assert.equal(byName(an, 'Novosti'), undefined);
    // A French text writes a foreign name with its own designator.
    const t = findEntities([art('y', 'Le géant des puces publie un bénéfice. Taiwan Semiconductor Manufacturing Company, qui compte parmi ses clients Apple et Nvidia, avait dégagé un bénéfice net.')]);
    assert.equal(byName(t, 'Taiwan Semiconductor Manufacturing Company')?.type, 'organization', JSON.stringify(t.entities.map((e) => [e.name, e.type])));
  });

  it('keeps a capitalised common word out when the story writes it in lower case too', () => {
    const an = findEntities([art('x', "L'Intelligence Artificielle change tout, dit Rémi Vasseur, patron de Corvel. L'intelligence artificielle inquiète pourtant les salariés de Corvel.")]);
    assert.equal(byName(an, 'Intelligence Artificielle'), undefined);
    assert.equal(byName(an, 'Rémi Vasseur')?.type, 'person');
  });

  it('merges spelling variants only with shared context', () => {
    const an = findEntities([
      art('a', "Jonas Perrault, ancien PDG de Brindle, a été nommé à la tête de Calvio."),
      art('b', "Chez Calvio, Jonas Perault prend ses fonctions lundi, après Brindle."),
      art('c', "Sans rapport : Jonas Perrauld, boulanger à Lyon, a ouvert une boutique."),
    ]);
    const p = byName(an, 'Jonas Perrault')!;
    assert.ok(p.aliases.includes('Jonas Perault'), JSON.stringify(p));
    assert.ok(!p.aliases.includes('Jonas Perrauld'), 'one letter apart but no shared context: no merge');
    assert.equal(byName(an, 'Jonas Perrauld')?.type, 'person');
  });

  it('a first name alone stands for the person named in full in the same article', () => {
    const an = findEntities([art('a', "Le PDG de Morvan, Thomas Ledru, a démissionné. « Nous remercions Thomas pour son travail », a dit la présidente de Morvan, Alice Vernet.")]);
    assert.ok(byName(an, 'Thomas Ledru')!.aliases.includes('Thomas'));
  });

  it('ties role labels to holders and organisations, in French and English', () => {
    const an = findEntities([
      art('fr', "Le PDG de Morvan, Thomas Ledru, et le CTO Karim Saïdi ont parlé. Alice Vernet, directrice de la technologie de Pellion, a répondu. Le directeur Marc Oudin a démissionné."),
      art('en', 'Morvan chief executive Thomas Ledru met Pellion CEO Dana Whitfield, a former Director of Research at Galvent.', 'en'),
    ]);
    const role = (person: string, org: string): string[] => an.roles.filter((r) => r.personId === byName(an, person)?.id && r.orgId === byName(an, org)?.id).map((r) => r.role);
    assert.deepEqual(role('Thomas Ledru', 'Morvan').sort(), ['ceo', 'ceo']);
    assert.deepEqual(role('Karim Saïdi', 'Morvan'), ['cto'], 'coordinated labels share the organisation');
    assert.deepEqual(role('Alice Vernet', 'Pellion'), ['cto']);
    assert.deepEqual(role('Dana Whitfield', 'Pellion'), ['ceo']);
    assert.ok(an.roles.some((r) => r.personId === byName(an, 'Marc Oudin')?.id && r.role === 'ceo'), 'bare "directeur" before a name is a head');
    assert.ok(!an.roles.some((r) => r.role === 'ceo' && r.personId === byName(an, 'Dana Whitfield')?.id && r.orgId === byName(an, 'Galvent')?.id), 'a director of research is not a CEO');
  });

  it('matches the golden fixture', () => {
    const an = findEntities(fixture.articles);
    for (const [name, aliases] of Object.entries(expected.persons as Record<string, string[]>)) {
      const e = byName(an, name);
      assert.equal(e?.type, 'person', name);
      for (const a of aliases) assert.ok([e!.name, ...e!.aliases].includes(a), `${name} has alias ${a}`);
    }
    for (const o of expected.organizations) assert.equal(byName(an, o)?.type, 'organization', o);
    for (const w of expected.notEntities) assert.equal(byName(an, w), undefined, w);
  });
});

describe('short forms and descriptions of English names', () => {
  const en = (id: string, text: string): StoryArticle => art(id, text, 'en');
  it('the last words of an organisation named before are it, when the article names no other so', () => {
    const an = findEntities([
      en('a', 'The United States Air Force chose Northrop Grumman on Friday. The Air Force said the tanker would fly in 2010.'),
      en('b', 'The Royal Saudi Air Force bought five tankers from Northrop Grumman. The Air Force had waited for years.'),
      en('c', 'The US Air Force signed the contract in May.'),
    ]);
    const usaf = byName(an, 'United States Air Force')!;
    assert.equal(usaf.type, 'organization');
    // Its short form in its own article, its name with the country's code in another.
    assert.deepEqual(usaf.mentions.map((m) => `${m.articleId}:${m.text}`), ['a:United States Air Force', 'a:Air Force', 'c:US Air Force']);
    assert.equal(usaf.name, 'United States Air Force', 'the name is the full one, not the short form written more often');
    // In the article about another air force, "Air Force" is that one.
    assert.deepEqual(byName(an, 'Royal Saudi Air Force')!.mentions.map((m) => `${m.articleId}:${m.text}`), ['b:Royal Saudi Air Force', 'b:Air Force']);
  });

  it('a short form written first, or shared by two organisations of the article, stays apart', () => {
    const an = findEntities([en('a', 'The Air Force wants tankers. The United States Air Force and the Royal Saudi Air Force met. The Air Force said no.')]);
    const usaf = byName(an, 'United States Air Force')!;
    assert.ok(!usaf.mentions.some((m) => m.text === 'Air Force'), JSON.stringify(usaf.mentions));
  });

  it('a common noun in lower case before a name describes it and is not part of it', () => {
    const an = findEntities([en('a', 'Talks went on. Aer Lingus rival Ryanair has been attempting to take over Aer Lingus since December. The airline had approached Airbus rival Boeing about a deal.')]);
    for (const n of ['Aer Lingus rival Ryanair', 'Airbus rival Boeing']) assert.equal(byName(an, n), undefined, n);
    assert.equal(byName(an, 'Ryanair')?.mentions[0]?.text, 'Ryanair');
    assert.equal(byName(an, 'Boeing')?.mentions[0]?.text, 'Boeing');
    const gm = findEntities([en('c', 'Detroit carmaker GM said sales rose.')]);
    assert.deepEqual(gm.entities.map((e) => e.name).sort(), ['Detroit', 'GM']);
    // Name particles in lower case stay inside a person's name.
    const p = findEntities([en('b', 'Officials said Osama bin Laden was hiding.')]);
    assert.ok(byName(p, 'Osama bin Laden'), JSON.stringify(p.entities.map((e) => e.name)));
  });

  it('a title before a name that ends with a designator is part of it, and its acronym joins it', () => {
    const an = findEntities([en('a', 'General Motors said on Monday it would cut 5,000 jobs. GM shares fell 3 percent.'), en('b', 'General John Smith met the press.')]);
    const gm = byName(an, 'General Motors');
    assert.equal(gm?.type, 'organization', JSON.stringify(an.entities.map((e) => e.name)));
    assert.ok(gm.aliases.includes('GM'));
    assert.equal(byName(an, 'Motors'), undefined, 'the title is not stripped from the name');
    // Before a person's name the title is still a title.
    assert.equal(byName(an, 'John Smith')?.mentions[0]?.text, 'John Smith');
  });

  it('a lower-case common word alone is no name, whatever the recogniser says', () => {
    const an = findEntities([en('a', 'Airbus launches world \'s largest passenger plane. The world \'s airlines watched.')]);
    assert.equal(byName(an, 'world'), undefined);
  });
});
