/**
 * `crisis-workbook` — the command-line tool for liaison officers at a kiosk machine and for
 * national systems that feed the workbook by script. Works anywhere Node 20+ runs, with no
 * installation (dist/cli/crisis-workbook.mjs bundles every dependency).
 *
 * Commands: keygen, pack, inspect, verify, decrypt (see `crisis-workbook help`).
 * Exit codes: 0 ok; 1 bundle refused; 2 wrong command line; 3 other failure. Every failure is one
 * line on stderr: "crisis-workbook: <code>: <message>".
 */
import { decrypt, DECRYPT_USAGE } from './commands/decrypt';
import { inspect, INSPECT_USAGE } from './commands/inspect';
import { keygen, KEYGEN_USAGE } from './commands/keygen';
import { pack, PACK_USAGE } from './commands/pack';
import { verify, VERIFY_USAGE } from './commands/verify';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './lib/errors';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { keygen, pack, inspect, verify, decrypt };

const USAGE = `Crisis Workbook command-line tool: signed, optionally encrypted exchange bundles (.cwb).

${KEYGEN_USAGE}

${PACK_USAGE}

${INSPECT_USAGE}

${VERIFY_USAGE}

${DECRYPT_USAGE}

Exit codes: 0 ok, 1 bundle refused, 2 wrong command line, 3 other failure.
Bundle format and how to check a bundle with minisign and age: docs/bundle-format.md
`;

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const run = COMMANDS[command];
  if (run === undefined) {
    process.stderr.write(`crisis-workbook: usage: unknown command ${JSON.stringify(command)} (try crisis-workbook help)\n`);
    return EXIT_USAGE;
  }
  try {
    return await run(args);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`crisis-workbook: ${e.code}: ${oneLine(e.message)}\n`);
      return e.exitCode;
    }
    // parseArgs reports unknown or malformed options with these codes.
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`crisis-workbook: usage: ${oneLine((e as Error).message)} (try crisis-workbook help)\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`crisis-workbook: internal: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return EXIT_FAILED;
  }
}

process.exitCode = await main(process.argv.slice(2));
