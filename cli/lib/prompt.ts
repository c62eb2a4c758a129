/**
 * Questions on the terminal: passphrases without echo, other answers with echo. Both refuse to
 * run without a terminal (scripts pass `--passphrase-file` and the profile options instead), so
 * a script never hangs waiting for input nobody will type.
 */
import { CliError, UsageError } from './errors';
import { readTextFile } from './files';

/** Reads a passphrase from a file: its first line, without the line ending. Refuses an empty one. */
export async function passphraseFromFile(path: string): Promise<string> {
  const text = await readTextFile(path, 'passphrase file');
  const first = text.split(/\r?\n/)[0] ?? '';
  if (first.length === 0) throw new CliError('passphrase-empty', `the passphrase file ${path} is empty; an empty passphrase protects nothing`);
  return first;
}

/** Characters typed (or pasted) beyond the line that was asked for, kept for the next question. */
let typedAhead = '';

/**
 * Reads one line from the terminal in raw mode, echoing it or not. Handles backspace, Ctrl-C and
 * Ctrl-D, and keeps whatever arrives after the line ending for the next question.
 */
async function readTerminalLine(question: string, echo: boolean): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new UsageError(`no terminal to ask "${question.trim().replace(/:$/, '')}": give it as an option${echo ? '' : ' (--passphrase-file FILE)'}`);
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise<string>((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      stdin.off('data', consume);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const consume = (chunk: string): void => {
      const chars = [...typedAhead + chunk];
      typedAhead = '';
      for (const [i, ch] of chars.entries()) {
        if (ch === '\r' || ch === '\n') {
          // A CR LF pair is one line ending.
          const rest = chars.slice(i + 1);
          if (ch === '\r' && rest[0] === '\n') rest.shift();
          typedAhead = rest.join('');
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new CliError('cancelled', 'cancelled', 130));
          return;
        }
        if (ch === '\u007f' || ch === '\b') {
          if (value.length > 0 && echo) process.stderr.write('\b \b');
          value = [...value].slice(0, -1).join('');
        } else if (ch >= ' ') {
          value += ch;
          if (echo) process.stderr.write(ch);
        }
      }
    };
    stdin.on('data', consume);
    if (typedAhead !== '') consume('');
  });
}

/** Asks for a passphrase on the terminal without echoing it. */
export function askHidden(question: string): Promise<string> {
  return readTerminalLine(question, false);
}

/** The passphrase: from `--passphrase-file` when given, else asked (twice when `confirm`). */
export async function obtainPassphrase(file: string | undefined, purpose: string, confirm = false): Promise<string> {
  if (file !== undefined) return passphraseFromFile(file);
  const first = await askHidden(`Passphrase ${purpose}: `);
  if (first.length === 0) throw new CliError('passphrase-empty', 'an empty passphrase protects nothing');
  if (confirm) {
    const again = await askHidden('Same passphrase again: ');
    if (again !== first) throw new CliError('passphrase-mismatch', 'the two passphrases differ');
  }
  return first;
}

/** Asks a question with echo (terminal only). */
export async function ask(question: string): Promise<string> {
  return (await readTerminalLine(question, true)).trim();
}
