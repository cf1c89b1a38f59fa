export interface Timex { text: string; start: number; end: number; type: 'date'|'time'|'duration'|'set'; value: string }
export function findDates(text: string, opts: { ref: string; lang: 'fr'|'en' }): Timex[] { return []; }
