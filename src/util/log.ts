// Structured logs (pino): one JSON object a line on stderr, so journald, Docker and any log
// shipper read them as they are. Level from STORYLINE_LOG_LEVEL. Only long-running commands
// (serve, run, worker) log this way; one-shot commands print plain lines for people.
import { pino, type Logger } from 'pino';
import { config } from '../config.ts';

export type { Logger } from 'pino';

export function createLogger(name: string): Logger {
  return pino({ name, level: config('logLevel'), base: { name } }, pino.destination({ fd: 2, sync: true }));
}
