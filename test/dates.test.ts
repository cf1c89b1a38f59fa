// Temporal expressions: every rule family on sentences written for these tests (news style, French
// and English), the news conventions (past weekdays, year from context), offsets, the CLI, the
// golden fixtures, and the FR-TimeBank dev set when ../shared is present.
import { defaultSharedDir } from '../eval/harness.ts';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDates, type Timex } from '../src/events/dates/index.ts';
import { guessLang } from '../src/cli/dates.ts';
import { STOPWORDS } from '../src/events/index.ts';

const root = join(import.meta.dirname, '..');
const fr = (text: string, ref: string): Timex[] => findDates(text, { ref, lang: 'fr' });
const en = (text: string, ref: string): Timex[] => findDates(text, { ref, lang: 'en' });

/** The expression whose text is `t` (first one), with a readable failure when absent. */
function get(found: Timex[], t: string): Timex {
  const x = found.find((f) => f.text === t);
  assert.ok(x, `expected "${t}" among ${JSON.stringify(found.map((f) => f.text))}`);
  return x;
}
const value = (found: Timex[], t: string): string => get(found, t).value;

// 2023-11-20 is a Monday; 2023-11-17 the Friday before.
const MON = '2023-11-20';

describe('relative days and parts of the day', () => {
  it('hier, aujourd\'hui, demain, avant-hier', () => {
    const r = fr('Le ministre a démissionné hier. Il parlera aujourd\'hui et demain ; avant-hier, il se taisait.', MON);
    assert.equal(value(r, 'hier'), '2023-11-19');
    assert.equal(value(r, "aujourd'hui"), '2023-11-20');
    assert.equal(value(r, 'demain'), '2023-11-21');
    assert.equal(value(r, 'avant-hier'), '2023-11-18');
  });
  it('parts of the day are times: hier soir, hier en début d\'après-midi, ce matin, cette nuit', () => {
    const r = fr('Le suspect a été interpellé hier soir. La victime avait été agressée hier en début d\'après-midi. Le juge l\'entendra ce matin.', MON);
    assert.deepEqual(pick(get(r, 'hier soir')), { type: 'time', value: '2023-11-19TEV' });
    assert.equal(value(r, "hier en début d'après-midi"), '2023-11-19TAF');
    assert.equal(value(r, 'ce matin'), '2023-11-20TMO');
  });
  it('English: yesterday morning, tonight, last night, this afternoon', () => {
    const r = en('The deal, announced yesterday morning, will be signed tonight. Talks broke down last night and resume this afternoon.', MON);
    assert.equal(value(r, 'yesterday morning'), '2023-11-19TMO');
    assert.equal(value(r, 'tonight'), '2023-11-20TNI');
    assert.equal(value(r, 'last night'), '2023-11-19TNI');
    assert.equal(value(r, 'this afternoon'), '2023-11-20TAF');
  });
});

const pick = (t: Timex): { type: string; value: string } => ({ type: t.type, value: t.value });

describe('weekdays: past in news unless the clause looks ahead', () => {
  it('a bare weekday in a past-tense report is the one before the publication date', () => {
    assert.equal(value(fr('Sam Altman a été limogé vendredi par le conseil.', MON), 'vendredi'), '2023-11-17');
    assert.equal(value(fr('Le directeur, limogé vendredi, ne reprendra pas son poste.', MON), 'vendredi'), '2023-11-17');
    assert.equal(value(en('The board fired its chief executive on Friday.', MON), 'Friday'), '2023-11-17');
  });
  it('without any verb (a headline) the weekday is still the past one', () => {
    assert.equal(value(fr('Coup de tonnerre samedi à San Francisco', MON), 'samedi'), '2023-11-18');
  });
  it('a future tense sends it forward', () => {
    assert.equal(value(fr('Le conseil se réunira vendredi pour désigner un successeur.', MON), 'vendredi'), '2023-11-24');
    assert.equal(value(fr('Le nouveau patron va présenter son plan mercredi.', MON), 'mercredi'), '2023-11-22');
    assert.equal(value(en('Talks will resume on Wednesday.', MON), 'Wednesday'), '2023-11-22');
  });
  it('dernier / prochain / last / next, and the same weekday as the reference', () => {
    const r = fr('Lundi dernier, le conseil a voté. Mardi prochain, il votera encore.', MON);
    assert.equal(value(r, 'Lundi dernier'), '2023-11-13');
    assert.equal(value(r, 'Mardi prochain'), '2023-11-21');
    assert.equal(value(fr('Microsoft a annoncé lundi l\'embauche de Sam Altman.', MON), 'lundi'), '2023-11-20');
    assert.equal(value(en('Shares fell last Tuesday and will rebound next Tuesday, analysts said.', MON), 'last Tuesday'), '2023-11-14');
  });
  it('"dimanche soir" is a time of the past Sunday', () => {
    assert.deepEqual(pick(get(fr('Dimanche soir, le conseil d\'administration a nommé un nouveau PDG.', MON), 'Dimanche soir')), { type: 'time', value: '2023-11-19TEV' });
    assert.equal(value(en('On Sunday night the board named a new CEO.', MON), 'Sunday night'), '2023-11-19TNI');
  });
  it('a weekday dated elsewhere in the text takes that date', () => {
    const r = fr('Une opération nettoyage sera menée samedi 25 novembre. Rendez-vous est fixé samedi à 8 h devant la mairie.', MON);
    assert.equal(r.filter((t) => t.text === 'samedi')[0]?.value, '2023-11-25');
    assert.equal(value(r, '8 h'), '2023-11-25T08:00');
  });
  it('"le mercredi" with nothing after it is a habit; "tous les jeudis" too', () => {
    const r = fr('La bibliothèque ouvre uniquement le mercredi. Les inscriptions ont lieu tous les jeudis.', MON);
    assert.deepEqual(pick(get(r, 'le mercredi')), { type: 'set', value: 'XXXX-WXX-3' });
    assert.deepEqual(pick(get(r, 'tous les jeudis')), { type: 'set', value: 'XXXX-WXX-4' });
  });
});

describe('calendar dates and the year from context', () => {
  it('"vendredi 17 novembre" takes the year in which 17 November is a Friday', () => {
    assert.equal(value(fr('Vendredi 17 novembre, coup de tonnerre : le patron est démis.', MON), 'Vendredi 17 novembre'), '2023-11-17');
    // Read two months later, the weekday still pins 2023.
    assert.equal(value(fr('Vendredi 17 novembre, coup de tonnerre.', '2024-01-15'), 'Vendredi 17 novembre'), '2023-11-17');
    assert.equal(value(fr('Ce lundi 20 novembre, la rébellion gronde.', MON), 'lundi 20 novembre'), '2023-11-20');
  });
  it('a day-month without year takes the nearest year, moved by tense', () => {
    assert.equal(value(fr('Le tribunal rendra sa décision le 5 janvier.', '2023-12-20'), 'le 5 janvier'), '2024-01-05');
    assert.equal(value(fr('Le lynchage a eu lieu le 21 juin à Lens.', '2023-05-27'), 'le 21 juin'), '2022-06-21');
    // A deadline says nothing about when the verb happened.
    assert.equal(value(fr('M. Blair a donné jusqu\'au 30 juin aux partis.', '2023-05-21'), '30 juin'), '2023-06-30');
  });
  it('an explicit year earlier in the sentence is carried to months and days', () => {
    const r = fr('Deux ruptures en 97 (en janvier et en octobre), aucune en 98.', '1999-07-29');
    assert.equal(value(r, '97'), '1997');
    assert.equal(value(r, 'janvier'), '1997-01');
    assert.equal(value(r, 'octobre'), '1997-10');
    assert.equal(value(r, '98'), '1998');
  });
  it('full dates, month-year, numeric and ISO dates', () => {
    const r = fr('Les faits remontent au 27 mai 1998. Entrée en vigueur en avril 2001, révisée le 03/02/2005 puis le 2006-07-01.', MON);
    assert.equal(value(r, '27 mai 1998'), '1998-05-27');
    assert.equal(value(r, 'avril 2001'), '2001-04');
    assert.equal(value(r, '03/02/2005'), '2005-02-03');
    assert.equal(value(r, '2006-07-01'), '2006-07-01');
    const e = en('Results were reported on Nov. 7, 2023, and on March 3rd; the filing is dated 11/17/2023.', MON);
    assert.equal(value(e, 'Nov. 7, 2023'), '2023-11-07');
    assert.equal(value(e, 'March 3rd'), '2023-03-03');
    assert.equal(value(e, '11/17/2023'), '2023-11-17');
  });
  it('"du 24 au 26 novembre": the first day borrows the month', () => {
    const r = fr('Le festival aura lieu du 24 au 26 novembre.', MON);
    assert.equal(value(r, '24'), '2023-11-24');
    assert.equal(value(r, '26 novembre'), '2023-11-26');
  });
  it('years: en 2019, depuis 2018, l\'année 2001, but not quantities or phone numbers', () => {
    const r = fr('Lancé en 2019, le service existe depuis 2018 et vise l\'année 2001 ; il compte 2000 habitants. Tél. 03.83.96.46.12.', MON);
    assert.equal(value(r, '2019'), '2019');
    assert.equal(value(r, '2018'), '2018');
    assert.equal(value(r, "l'année 2001"), '2001');
    assert.ok(!r.some((t) => t.text === '2000'), 'a count of inhabitants is not a year');
    assert.ok(!r.some((t) => /03\.83/.test(t.text)), 'a phone number is not a date');
  });
  it('decades, centuries, quarters, halves, seasons and holidays', () => {
    const r = fr('Au début des années 60 et à la fin du XIXe siècle ; le troisième trimestre, le premier semestre 2022, l\'automne, cet été, à Noël.', MON);
    assert.equal(value(r, 'début des années 60'), '196X');
    assert.equal(value(r, 'la fin du XIXe siècle'), '18XX');
    assert.equal(value(r, 'le troisième trimestre'), '2023-Q3');
    assert.equal(value(r, 'le premier semestre 2022'), '2022-H1');
    assert.equal(value(r, "l'automne"), '2023-FA');
    assert.equal(value(r, 'cet été'), '2023-SU');
    assert.equal(value(r, 'Noël'), '2023-12-25');
    const e = en('Prices doubled in the 1990s and throughout the 20th century; third-quarter revenue fell.', MON);
    assert.equal(value(e, 'the 1990s'), '199X');
    assert.equal(value(e, 'the 20th century'), '19XX');
    assert.equal(value(e, 'third-quarter'), '2023-Q3');
  });
  it('a season in a timeless clause is any year\'s; "a été" is no summer', () => {
    const r = fr('Les ventes connaissent un boom en été. Le maire a été réélu.', MON);
    assert.equal(value(r, 'été'), 'XXXX-SU');
    assert.equal(r.length, 1);
  });
});

describe('weeks, months and years relative to the publication date', () => {
  it('la semaine dernière, ce week-end, l\'an dernier, le mois prochain, cette année', () => {
    const r = fr('Il a été limogé la semaine dernière. L\'an dernier, le chiffre d\'affaires a doublé ; le mois prochain, un nouveau produit sortira. Cette année est difficile.', MON);
    assert.equal(value(r, 'la semaine dernière'), '2023-W46');
    assert.equal(value(r, "L'an dernier"), '2022');
    assert.equal(value(r, 'le mois prochain'), '2023-12');
    assert.equal(value(r, 'Cette année'), '2023');
  });
  it('"ce week-end" is the coming one late in the week and the past one on a Monday', () => {
    assert.equal(value(fr('La fête aura lieu ce week-end.', '2023-11-16'), 'ce week-end'), '2023-W46-WE');
    assert.equal(value(fr('Le conseil a fait des pieds et des mains ce week-end.', MON), 'ce week-end'), '2023-W46-WE');
  });
  it('il y a deux ans, dans trois semaines, two years ago, la fin de l\'année', () => {
    const r = fr('Il y a deux ans, la police avait lancé un plan ; le bilan viendra dans trois semaines, d\'ici la fin de l\'année.', MON);
    assert.equal(value(r, 'Il y a deux ans'), '2021');
    assert.equal(value(r, 'dans trois semaines'), '2023-W50');
    assert.equal(value(r, "la fin de l'année"), '2023');
    assert.equal(value(en('He was hired two years ago and will leave next month.', MON), 'two years ago'), '2021');
    assert.equal(value(en('He was hired two years ago and will leave next month.', MON), 'next month'), '2023-12');
  });
  it('le lendemain and le même jour follow the day in focus', () => {
    const r = fr('Le procès s\'est ouvert le 6 novembre. Le lendemain, la défense a plaidé. Le même jour, le juge a tranché.', MON);
    assert.equal(value(r, 'Le lendemain'), '2023-11-07');
    assert.equal(value(r, 'Le même jour'), '2023-11-07');
  });
});

describe('clock times hang on the day in focus', () => {
  it('French clock times', () => {
    const r = fr('Samedi 18 novembre, de 14 h 30 à 18 h, puis vers midi le lendemain. Rendez-vous à 9 heures.', MON);
    assert.equal(value(r, '14 h 30'), '2023-11-18T14:30');
    assert.equal(value(r, '18 h'), '2023-11-18T18:00');
    // "le lendemain" moved the focus to Sunday, and "midi" hangs on the day named right after it.
    assert.equal(value(r, '9 heures'), '2023-11-19T09:00');
    assert.deepEqual(pick(get(r, 'midi')), { type: 'time', value: '2023-11-19T12:00' });
  });
  it('a time with its weekday: "4 h mardi"', () => {
    assert.equal(value(fr('Les méfaits ont été commis entre minuit et 4 h mardi.', '2023-11-24'), '4 h mardi'), '2023-11-21T04:00');
  });
  it('without a day in its paragraph a time is on the publication date', () => {
    assert.equal(value(fr('Ils s\'étaient donné rendez-vous à 14 h devant la mairie.', MON), '14 h'), '2023-11-20T14:00');
  });
  it('English clock times', () => {
    const r = en('On Friday, employees gathered at 3:30 p.m. and again at noon.', MON);
    assert.equal(value(r, '3:30 p.m.'), '2023-11-17T15:30');
    assert.equal(value(r, 'noon'), '2023-11-17T12:00');
  });
});

describe('durations', () => {
  it('numbers in digits and words, decimals, hours', () => {
    const r = fr('En 48 heures, tout a basculé. Les deux jours suivants, il a tenu trois ans de mandat et couru 30,4 secondes de moins.', MON);
    assert.deepEqual(pick(get(r, '48 heures')), { type: 'duration', value: 'PT48H' });
    assert.equal(value(r, 'deux jours'), 'P2D');
    assert.equal(value(r, 'trois ans'), 'P3Y');
    assert.equal(value(r, '30,4 secondes'), 'PT30.4S');
    assert.equal(value(en('The process took 48 hours and lasted two days.', MON), '48 hours'), 'PT48H');
  });
  it('modifiers are inside the extent; vague durations are X', () => {
    const r = fr('Leur association durera plus de vingt ans. Ces derniers jours, plusieurs mois de travail et environ une heure de débat.', MON);
    assert.equal(value(r, 'plus de vingt ans'), 'P20Y');
    assert.equal(value(r, 'Ces derniers jours'), 'PXD');
    assert.equal(value(r, 'plusieurs mois'), 'PXM');
    assert.equal(value(r, 'environ une heure'), 'PT1H');
    assert.equal(value(en('Over the past few days, more than 500 employees signed within less than two hours.', MON), 'the past few days'), 'PXD');
  });
  it('de 8 à 24 mois, une dizaine de jours, un quinquennat', () => {
    const r = fr('Des peines de 8 à 24 mois ; une dizaine de jours de travaux ; un quinquennat.', MON);
    assert.equal(value(r, '8'), 'P8M');
    assert.equal(value(r, '24 mois'), 'P24M');
    assert.equal(value(r, 'une dizaine de jours'), 'P10D');
    assert.equal(value(r, 'un quinquennat'), 'P5Y');
  });
  it('ages are not durations, prison terms are', () => {
    const r = fr('Jean Dupont, 87 ans, a été renversé. Un chauffeur de bus de 38 ans, âgé de 38 ans, des enfants de 2 à 8 ans. Il a été condamné à 10 ans de prison.', MON);
    assert.deepEqual(r.filter((t) => t.type === 'duration').map((t) => t.text), ['10 ans']);
    assert.ok(!en('A 45-year-old engineer, aged 45, is 45 years old.', MON).some((t) => t.type === 'duration'));
  });
});

describe('sets', () => {
  it('chaque semaine, tous les ans, par an, annuels', () => {
    const r = fr('Chaque semaine, un bilan ; tous les ans, une fête ; une croissance de 0,4 % par an et des efforts annuels.', MON);
    assert.deepEqual(pick(get(r, 'Chaque semaine')), { type: 'set', value: 'P1W' });
    assert.equal(value(r, 'tous les ans'), 'P1Y');
    assert.equal(value(r, 'an'), 'P1Y');
    assert.equal(value(r, 'annuels'), 'P1Y');
  });
  it('every Monday, weekly, $2 billion a year', () => {
    const r = en('Meetings are held every Monday, the report is published weekly and revenue is $2 billion a year.', MON);
    assert.equal(value(r, 'every Monday'), 'XXXX-WXX-1');
    assert.equal(value(r, 'weekly'), 'P1W');
    assert.equal(value(r, 'a year'), 'P1Y');
  });
});

describe('fuzzy references', () => {
  it('maintenant, désormais, auparavant, pour l\'instant; not the gerund "en maintenant"', () => {
    const r = fr('Ils rejoignent désormais Microsoft, qui était auparavant rival, tout en maintenant son partenariat. Pour l\'instant, rien.', MON);
    assert.equal(value(r, 'désormais'), 'PRESENT_REF');
    assert.equal(value(r, 'auparavant'), 'PAST_REF');
    assert.equal(value(r, "Pour l'instant"), 'PRESENT_REF');
    assert.ok(!r.some((t) => t.text === 'maintenant'));
    assert.equal(value(en('The company now says it recently changed course.', MON), 'now'), 'PRESENT_REF');
  });
});

describe('offsets', () => {
  it('text.slice(start, end) is the expression, with typographic apostrophes, emoji and no-break spaces', () => {
    const text = '🔥🔥 L’entreprise a licencié son patron aujourd’hui, vendredi 17\u00a0novembre, à 14\u202fh\u202f30 ; d’ici la fin de l’année.';
    const r = fr(text, '2023-11-17');
    assert.ok(r.length >= 4, JSON.stringify(r));
    for (const t of r) assert.equal(text.slice(t.start, t.end), t.text);
    assert.equal(value(r, 'aujourd’hui, vendredi 17\u00a0novembre'.split(',')[0] as string), '2023-11-17');
    assert.equal(value(r, 'vendredi 17\u00a0novembre'), '2023-11-17');
    assert.equal(value(r, '14\u202fh\u202f30'), '2023-11-17T14:30');
  });
  it('results are sorted and do not overlap', () => {
    const r = fr('Hier soir, le 6 mai dernier, mardi 1er juin à 17 h, pendant plus de deux ans.', MON);
    for (let i = 1; i < r.length; i++) assert.ok((r[i - 1] as Timex).end <= (r[i] as Timex).start);
  });
  it('rejects a reference that is not a date', () => {
    assert.throws(() => fr('hier', 'demain'), /ISO date/);
  });
});

describe('performance', () => {
  it('stays linear on long and adversarial input', () => {
    const long = 'Le conseil a voté mardi 12 novembre à 14 h, hier soir et depuis deux ans. '.repeat(2000);
    const adversarial = ['vingt-'.repeat(3000), '9 '.repeat(10000), 'mardi '.repeat(3000), 'the past '.repeat(3000)];
    const t0 = performance.now();
    assert.ok(fr(long, MON).length > 1000);
    for (const a of adversarial) { fr(a, MON); en(a, MON); }
    assert.ok(performance.now() - t0 < 5000, `took ${performance.now() - t0} ms`);
  });
});

describe('golden fixtures (fixtures/dates)', () => {
  const dir = join(root, 'fixtures', 'dates');
  for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
    it(name, () => {
      const input = readFileSync(join(dir, name, 'input.txt'), 'utf8');
      const expected = JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')) as { ref: string; lang: 'fr' | 'en'; timexes: Timex[] };
      assert.deepEqual(findDates(input, { ref: expected.ref, lang: expected.lang }), expected.timexes);
    });
  }
});

describe('storyline dates (CLI)', () => {
  const node = process.execPath;
  const run = (args: string[], input?: string): { code: number | null; out: string; err: string } => {
    const script = "import { Command } from 'commander'; import { register } from './src/cli/dates.ts';"
      + " const p = new Command('storyline'); register(p); await p.parseAsync(process.argv.slice(1), { from: 'user' });";
    const r = spawnSync(node, ['--input-type=module', '-e', script, '--', 'dates', ...args], { cwd: root, input, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  it('prints the JSON array of the contract', () => {
    const r = run(['-', '--ref', MON, '--lang', 'fr', '--json'], 'Il a été limogé vendredi soir.');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), [{ text: 'vendredi soir', start: 16, end: 29, type: 'time', value: '2023-11-17TEV' }]);
  });
  it('exits 2 naming the file or the option on bad usage', () => {
    const missing = run(['/nonexistent/article.txt', '--ref', MON]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /\/nonexistent\/article\.txt: no such file/);
    const badRef = run(['-', '--ref', 'vendredi'], 'x');
    assert.equal(badRef.code, 2);
    assert.match(badRef.err, /--ref must be a date/);
    assert.equal(run(['-'], 'x').code, 2);
    assert.equal(run(['-', '--ref', MON, '--lang', 'de'], 'x').code, 2);
  });
  it('guesses the language from stopwords', () => {
    assert.equal(guessLang('Le conseil a limogé son patron vendredi, et les salariés sont en colère.', STOPWORDS), 'fr');
    assert.equal(guessLang('The board fired its chief executive on Friday and the staff were angry.', STOPWORDS), 'en');
  });
});

describe('FR-TimeBank dev set (../shared/eval/timex-fr-dev)', () => {
  const dir = join(defaultSharedDir(), 'eval', 'timex-fr-dev');
  it('meets the floors: relaxed F1 >= 0.90, value F1 >= 0.80', { skip: existsSync(dir) ? false : `${dir} is absent` }, async () => {
    const { timex } = await import('../eval/suites/timex.ts');
    const r = await timex({ evalDir: join(defaultSharedDir(), 'eval'), sharedDir: defaultSharedDir(), verbose: false });
    assert.ok((r.metrics.relaxedF1 ?? 0) >= 0.9, `relaxed F1 ${r.metrics.relaxedF1}`);
    assert.ok((r.metrics.valueF1 ?? 0) >= 0.8, `value F1 ${r.metrics.valueF1}`);
  });
});
