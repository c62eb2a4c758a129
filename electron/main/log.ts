/**
 * The main process's only logger. Everything that is logged goes through here so that a later
 * switch to a log file (support bundles) is one change. Never log crisis data: channel names,
 * URLs of the app itself and error messages only.
 */

export type LogLevel = 'info' | 'warn' | 'error';

/** One line per error: the stack if there is one (it includes the message), else the value. */
export function toLogFormat(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

function write(level: LogLevel, message: string, error?: unknown): void {
  const line = `${new Date().toISOString()} [main] ${level}: ${message}${error === undefined ? '' : ` — ${toLogFormat(error)}`}`;
  // The one place allowed to reach the console (B8: one logger, no bare console.* elsewhere).
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.info(line);
}

export const log = {
  info: (message: string): void => write('info', message),
  warn: (message: string, error?: unknown): void => write('warn', message, error),
  error: (message: string, error?: unknown): void => write('error', message, error),
} as const;

export type Logger = typeof log;
