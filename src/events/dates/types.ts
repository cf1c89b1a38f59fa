// Shapes shared by the rule families: a rule finds candidates; a candidate knows how to compute
// its TIMEX3 value once the whole text has been read (anchors, tense, the day in focus).
import type { Day } from './calendar.ts';
import type { Lang } from './vocab.ts';

export type TimexType = 'date' | 'time' | 'duration' | 'set';

export interface Resolved {
  value: string;
  /** Overrides the candidate's type when the value shows another one (a fuzzy "aujourd'hui"). */
  type?: TimexType;
  /** The calendar day this expression names, if it names one: later clock times and "le lendemain" hang on it. */
  day?: Day;
  /** An explicit year written in the expression: later day-month expressions of the sentence take it. */
  year?: number;
}

export interface Cand {
  start: number;
  end: number;
  type: TimexType;
  /** Rule family, for debugging and tests. */
  rule: string;
  /** Breaks ties between candidates of equal length: higher wins. */
  prio?: number;
  /** Resolved after every plain expression, because it hangs on the day in focus (clock times, "le lendemain"). */
  needsFocus?: boolean;
  resolve: (env: Env, self: Cand) => Resolved | undefined;
}

/** What a candidate may consult when computing its value. */
export interface Env {
  lang: Lang;
  text: string;
  ref: Day;
  /**
   * The day named by the nearest expression before `pos` in the same paragraph (else after it in the
   * sentence). `acrossParagraphs` lets "le même jour" reach back into the previous paragraphs.
   */
  focusDay(pos: number, acrossParagraphs?: boolean): Day | undefined;
  /** The day named by an expression starting right after `end` ("vers midi le lendemain"). */
  dayRightAfter(end: number): Day | undefined;
  /** An explicit year written earlier in the same sentence. */
  sentenceYear(pos: number): number | undefined;
  /** Tense of the clause around [start, end): nearest future or past marker. */
  tense(start: number, end: number, weak?: boolean): 'past' | 'future' | undefined;
  /** Fully explicit dates (day, month, year known) found anywhere in the text. */
  explicitDays: Day[];
}

export interface Rule {
  name: string;
  re: RegExp;
  make: (m: RegExpExecArray, text: string) => Cand | Cand[] | undefined;
}
