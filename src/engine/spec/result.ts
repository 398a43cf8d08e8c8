/** A problem found while validating input: a JSON path and what is wrong there. */
export interface Problem {
  path: string;
  message: string;
}

/** An expected failure, with a stable code that tests and lessons can match on. */
export interface EngineError {
  code: string;
  message: string;
  path?: string;
}

/** The result of a parse: a value or the list of problems. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Builds an EngineError, leaving `path` out when it is not given. */
export function engineError(code: string, message: string, path?: string): EngineError {
  return path === undefined ? { code, message } : { code, message, path };
}

/** Raised only for programming errors (a broken invariant), never for bad input. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
