/**
 * What an export dialog says before a file is made: what the file will hold with its highest TLP
 * label, notes on what stays home and on the exercise marking, and, where the file leaves the
 * workbook unencrypted at AMBER or above, the officer's confirmation that they will handle it at
 * that label. One component, so that every unencrypted export asks the same way.
 */
import type { Tlp } from '../../../shared/model/tlp';
import { TlpBadge } from './badges';

export interface ExportConfirmation {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}

export function ExportSummary({
  holds,
  highestTlp,
  notes,
  confirmation,
  confirmClassName,
}: {
  /** "The file will hold …"; null when it would hold nothing (a note then says why). */
  readonly holds: string | null;
  readonly highestTlp: Tlp;
  /** Further notes, in order; false or null leaves one out. */
  readonly notes: ReadonlyArray<string | false | null>;
  /** Present when the officer must confirm the handling of the file. */
  readonly confirmation: ExportConfirmation | null;
  readonly confirmClassName?: string;
}) {
  return (
    <div className="export-summary" aria-live="polite">
      {holds !== null ? (
        <p>
          {holds} <TlpBadge tlp={highestTlp} />
        </p>
      ) : null}
      {notes.map((note, i) =>
        note ? (
          <p key={i} className="field-hint">
            {note}
          </p>
        ) : null,
      )}
      {confirmation ? (
        <label className={`choice${confirmClassName ? ` ${confirmClassName}` : ''}`}>
          <input type="checkbox" checked={confirmation.checked} onChange={(e) => confirmation.onChange(e.target.checked)} />
          <span>{confirmation.label}</span>
        </label>
      ) : null}
    </div>
  );
}
