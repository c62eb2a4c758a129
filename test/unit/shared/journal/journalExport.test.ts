import { describe, expect, it } from 'vitest';
import { buildJournalExport, journalExportFileName } from '../../../../shared/journal/journalExport';
import { exerciseScenarioOperations } from '../../../../shared/seed/exerciseScenario';
import { OperationSchema } from '../../../../shared/journal/operation';

const context = { exportedAt: '2026-03-10T10:00:00.000Z', installation: '01JEXAMP1E0000000000000001', organisation: 'NCSC' };

describe('journal export', () => {
  it('marks an exercise export in its header and file name', () => {
    const text = buildJournalExport(exerciseScenarioOperations().map((o) => OperationSchema.parse(o)), { ...context, workspace: 'exercise' });
    const [header, ...lines] = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(header).toMatchObject({ format: 'crisis-workbook-journal', version: 1, workspace: 'exercise', marking: 'EXERCISE — OEFENING', operations: lines.length });
    expect(lines.length).toBe(exerciseScenarioOperations().length);
    expect(journalExportFileName('exercise', context.exportedAt)).toBe('EXERCISE-journal-exercise-2026-03-10-10-00-00.ndjson');
    expect(journalExportFileName('real', context.exportedAt)).toBe('journal-real-2026-03-10-10-00-00.ndjson');
  });

  it('never lets operations of the other workspace into an export', () => {
    const ops = exerciseScenarioOperations().map((o) => OperationSchema.parse(o));
    const text = buildJournalExport(ops, { ...context, workspace: 'real' });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ workspace: 'real', marking: null, operations: 0 });
  });

  it('lists operations in clock order', () => {
    const ops = exerciseScenarioOperations().map((o) => OperationSchema.parse(o)).reverse();
    const lines = buildJournalExport(ops, { ...context, workspace: 'exercise' }).trimEnd().split('\n').slice(1);
    const clocks = lines.map((l) => (JSON.parse(l) as { hlc: string }).hlc);
    expect(clocks).toEqual([...clocks].sort());
  });
});
