/**
 * The retrospective rule (issue 4): an entry recorded more than 30 minutes after it happened is
 * retrospective and needs a justification; the boundary itself is still contemporaneous.
 */
import { describe, expect, it } from 'vitest';
import { assessRetrospective, RETROSPECTIVE_AFTER_MINUTES, retrospectiveField } from '../../../../shared/logbook/retrospective';

const HAPPENED = '2026-03-29T08:00:00.000Z';
const after = (minutes: number, seconds = 0) => new Date(Date.parse(HAPPENED) + minutes * 60_000 + seconds * 1_000).toISOString();

describe('assessRetrospective', () => {
  // legend: minutes (and seconds) between happening and recording → retrospective?, whole minutes late
  const cases: Array<[minutes: number, seconds: number, retrospective: boolean, minutesLate: number]> = [
    [0, 0, false, 0],
    [5, 0, false, 5],
    [29, 59, false, 29],
    [30, 0, false, 30], // exactly the threshold: still written at the time
    [30, 1, true, 30],
    [31, 0, true, 31],
    [24 * 60, 0, true, 1440],
  ];
  for (const [minutes, seconds, retrospective, minutesLate] of cases) {
    it(`recorded ${minutes} min ${seconds} s after it happened → ${retrospective ? 'retrospective' : 'contemporaneous'}`, () => {
      expect(assessRetrospective(HAPPENED, after(minutes, seconds))).toEqual({ retrospective, minutesLate });
    });
  }

  it('uses 30 minutes by default and accepts another threshold', () => {
    expect(RETROSPECTIVE_AFTER_MINUTES).toBe(30);
    expect(assessRetrospective(HAPPENED, after(11), 10).retrospective).toBe(true);
    expect(assessRetrospective(HAPPENED, after(11), 15).retrospective).toBe(false);
  });

  it('an entry dated after its recording (a clock ahead, a planned event) is never retrospective', () => {
    expect(assessRetrospective(after(90), HAPPENED)).toEqual({ retrospective: false, minutesLate: 0 });
  });

  it('unreadable times are not retrospective (the schema refuses them anyway)', () => {
    expect(assessRetrospective('not a time', HAPPENED)).toEqual({ retrospective: false, minutesLate: 0 });
  });
});

describe('retrospectiveField', () => {
  it('demands a justification for a retrospective entry', () => {
    expect(retrospectiveField(HAPPENED, after(45), '')).toBe('justification-required');
    expect(retrospectiveField(HAPPENED, after(45), '   \n ')).toBe('justification-required');
  });

  it('stores the trimmed justification of a retrospective entry', () => {
    expect(retrospectiveField(HAPPENED, after(45), '  Received by courier at 08:40. ')).toEqual({ justification: 'Received by courier at 08:40.' });
  });

  it('needs nothing for a contemporaneous entry, but keeps a justification the author gives anyway', () => {
    expect(retrospectiveField(HAPPENED, after(10), '')).toBeNull();
    expect(retrospectiveField(HAPPENED, after(10), 'Written up after the call.')).toEqual({ justification: 'Written up after the call.' });
  });
});
