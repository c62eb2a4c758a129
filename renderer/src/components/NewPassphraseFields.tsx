/**
 * A new passphrase and its repetition, as every dialog that sets one asks for it (identity backup,
 * workbook backup, app lock): password fields the browser may fill from a generator but never
 * from memory (`new-password`), the first one focused.
 */
import { Field } from './Field';

export function NewPassphraseFields({
  labels,
  error,
  passphrase,
  repeat,
  onPassphrase,
  onRepeat,
}: {
  readonly labels: { readonly passphrase: string; readonly hint: string; readonly repeat: string };
  readonly error: string | null;
  readonly passphrase: string;
  readonly repeat: string;
  readonly onPassphrase: (value: string) => void;
  readonly onRepeat: (value: string) => void;
}) {
  return (
    <>
      <Field label={labels.passphrase} hint={labels.hint} error={error}>
        <input type="password" autoComplete="new-password" value={passphrase} onChange={(e) => onPassphrase(e.target.value)} autoFocus />
      </Field>
      <Field label={labels.repeat}>
        <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => onRepeat(e.target.value)} />
      </Field>
    </>
  );
}
