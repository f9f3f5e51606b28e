// Command-line parsing shared by revcent-lint and revcent-send: node's parseArgs, with its errors as usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad usage: the command prints the message and its usage, and exits 2. */
export class UsageError extends Error {}

/** The options and positionals of `argv`; an unknown or malformed option is a UsageError. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
