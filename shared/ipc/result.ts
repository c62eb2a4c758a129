import type { AppError, AppErrorCode } from '../errors/codes';

/** What every IPC call returns: errors are values, because thrown errors lose all but `message`. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: AppErrorCode, detail?: string): Result<T> {
  return { ok: false, error: detail === undefined ? { code } : { code, detail } };
}
