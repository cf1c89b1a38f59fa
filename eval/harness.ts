// Shared shape of an evaluation suite. Each suite scores one fuzzy stage against ../shared/eval
// and returns named metrics; eval/run.ts prints them and compares them with eval/baseline.json.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface SuiteResult {
  /** Metric name → value; floors in eval/baseline.json are keyed "<suite>.<metric>". */
  metrics: Record<string, number>;
  /** Human-readable lines printed under the suite's heading. */
  report: string[];
  /** Set when the suite could not run (data absent): it is reported, not failed. */
  skipped?: string;
}

export interface EvalContext {
  /** Absolute path of ../shared/eval, whether or not it exists. */
  evalDir: string;
  /** Absolute path of ../shared. */
  sharedDir: string;
  /** Print per-case details. */
  verbose: boolean;
}

export type Suite = (ctx: EvalContext) => Promise<SuiteResult>;

export function defaultSharedDir(): string {
  return resolve(process.env.STORYLINE_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));
}

export function skipped(why: string): SuiteResult {
  return { metrics: {}, report: [], skipped: why };
}

export function requireDir(dir: string): string | undefined {
  return existsSync(dir) ? undefined : `${dir} is absent`;
}

/** Precision, recall and F1 from counts; F1 is 0 when nothing matched. */
export function prf(tp: number, predicted: number, gold: number): { p: number; r: number; f1: number } {
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tp / gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

export const pct = (x: number): string => (x * 100).toFixed(1);
