// Place names that are open data and come with the runtime: the countries and territories of the
// Unicode CLDR (Intl.DisplayNames, in French and English) and the cities that name the IANA time
// zones (public domain). A feature for the recogniser, not a rule: the model learns how much to
// trust it. Names are folded as normalize/ folds text for matching (lower case, no accents).
import { fold } from '../text/unicode.ts';

export { fold };

let places: Set<string> | undefined;

export function placeNames(): Set<string> {
  if (places) return places;
  places = new Set();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const lang of ['fr', 'en']) {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    for (const a of letters)
      for (const b of letters) {
        const name = names.of(a + b);
        // Codes without a name of their own come back as the code; the reserved ones are skipped.
        if (name && name !== a + b && !/\d|inconnu|unknown|pseudo/iu.test(name)) places.add(fold(name));
      }
  }
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const city = zone.split('/').pop()!.replace(/_/gu, ' ');
    if (!/^(?:GMT|UTC|Etc)/u.test(city)) places.add(fold(city));
  }
  return places;
}
