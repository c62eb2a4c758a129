import { describe, expect, it } from 'vitest';
import { lessonsDocument } from '../../../../shared/reports/document';
import { buildLessonsReport, orderedActions } from '../../../../shared/reports/lessons';
import { documentToMarkdown } from '../../../../shared/reports/markdown';
import { at, context, entry, incident } from './builders';

const lessons = {
  wentWell: ['The fallback telephone list worked', 'CSIRTs network answered within the hour'],
  didNotGoWell: ['Nobody knew who could request the Reserve'],
  actions: [
    { text: 'Name a deputy for Reserve requests', owner: 'Head of crisis team', due: '2026-01-31' },
    { text: 'Update the contact list', owner: '', due: null },
    { text: 'Run a table-top on IPCR activation', owner: 'Exercise planner', due: '2025-12-15' },
  ],
};

describe('lessons learned', () => {
  it('lists what went well, what did not, and actions with owner and due date, soonest first', () => {
    const closing = entry({ kind: 'decision', occurred: 900, text: 'Closed', incidentChange: [{ field: 'status', from: 'recovery', to: 'closed' }] });
    const report = buildLessonsReport(incident({ status: 'closed', lessons, tlp: 'AMBER' }), [entry(), closing], { minimumTlp: 'CLEAR' }, context());
    expect(report.closedAt).toBe(at(900));
    expect(report.entryCount).toBe(2);
    expect(report.header.tlp).toBe('AMBER');
    expect(report.lessons.actions.map((a) => a.text)).toEqual(['Run a table-top on IPCR activation', 'Name a deputy for Reserve requests', 'Update the contact list']);

    const md = documentToMarkdown(lessonsDocument(report, { language: 'en', timeZone: 'UTC' }));
    expect(md).toContain('## 2. What went well\n\n- The fallback telephone list worked\n- CSIRTs network answered within the hour');
    expect(md).toContain('## 3. What did not go well\n\n- Nobody knew who could request the Reserve');
    expect(md).toContain('| Action | Owner | Due |');
    expect(md).toContain('| Run a table-top on IPCR activation | Exercise planner | 15 Dec 2025 |');
    expect(md).toContain('| Update the contact list | — | — |');
    expect(md).toContain('- **Closed:** 3 Nov 2025, 23:00 UTC');
  });

  it('is labelled at least as the author chose, and says when nothing was recorded', () => {
    const report = buildLessonsReport(incident({ lessons: null }), [], { minimumTlp: 'AMBER+STRICT' }, context());
    expect(report.header.tlp).toBe('AMBER+STRICT');
    expect(report.closedAt).toBeNull();
    const md = documentToMarkdown(lessonsDocument(report, { language: 'nl', timeZone: 'UTC' }));
    expect(md).toContain('Niets vastgelegd.');
    expect(md).toContain('Geen acties vastgelegd.');
    expect(md).toContain('- **Afgesloten:** Open');
  });

  it('orders actions by due date, undated last, keeping the written order otherwise', () => {
    expect(orderedActions(lessons.actions).map((a) => a.due)).toEqual(['2025-12-15', '2026-01-31', null]);
  });
});
