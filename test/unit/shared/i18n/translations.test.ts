/**
 * Every visible string is translated: each language has exactly the keys of English, no value is
 * empty, and every key the renderer asks for exists (keys built from enums are expanded with the
 * enum's values). Adding a language is adding a file; this test then checks it too.
 */
import { CLOCK_STATUSES, CLOCK_UNITS } from '../../../../shared/clocks/clock';
import { CHAIN_FINDING_KINDS } from '../../../../shared/logbook/chain';
import { RECEIPT_ERROR_CODES } from '../../../../shared/bundle/receipt';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ERROR_CODES } from '../../../../shared/errors/codes';
import { LANGUAGES } from '../../../../shared/i18n/languages';
import { TRANSLATIONS, translate, translationKeys } from '../../../../shared/i18n/translate';
import { JOURNALED_TABLES } from '../../../../shared/journal/tables';
import { OPERATION_KINDS } from '../../../../shared/journal/operation';
import { LEVELS } from '../../../../shared/model/levels';
import {
  CHANNEL_TYPES,
  ESCALATION_LEVELS,
  INCIDENT_STATUSES,
  LOG_ENTRY_KINDS,
  IPCR_MODES,
  NETWORK_STATES,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  SEVERITY_DIMENSIONS,
  SEVERITY_RATINGS,
  TRACKED_INCIDENT_FIELDS,
  RECEIVED_CHANNELS,
  PACE_TIERS,
  ORGANISATION_TYPES,
  VERIFICATION_METHODS,
} from '../../../../shared/model/records';
import { INFRASTRUCTURES } from '../../../../shared/model/outage';
import { RUN_STATUSES } from '../../../../shared/model/procedure';
import { CALL_STATES } from '../../../../shared/contacts/callRound';
import { ROLES } from '../../../../shared/model/roles';
import { TLP_LABELS } from '../../../../shared/model/tlp';
import { WORKSPACES } from '../../../../shared/model/workspace';
import { TRUST_STATES } from '../../../../shared/model/keyring';
import { EXCHANGE_EVENTS } from '../../../../shared/model/exchangeLog';
import { BUNDLE_ERROR_CODES } from '../../../../shared/bundle/errors';
import { TLP_LEFT_OUT_REASONS } from '../../../../shared/bundle/tlpPolicy';
import { REPORT_KINDS } from '../../../../shared/reports/types';
import { CONTACT_DRAFT_FIELDS, INTEROP_PROBLEM_CODES, TEXT_ENCODINGS } from '../../../../shared/contacts/interop';
import { CSV_FIELDS, SLOT_PARTS, TYPED_FAMILIES } from '../../../../shared/contacts/csv';
import { STRUCTURE_ISSUE_CODES } from '../../../../shared/procedures/structure';
import { FLOW_KINDS, STEP_KINDS } from '../../../../shared/model/procedure';
import { DESTINATION_KINDS } from '../../../../shared/sync/destination';
import { PACK_FILE_REFUSALS } from '../../../../shared/content/packFile';

const english = new Set(translationKeys(TRANSLATIONS.en));

/** Values that dynamic keys (`nav.${screen}`) can take, by the prefix before the placeholder. */
const DYNAMIC: Record<string, readonly string[]> = {
  'nav.': ['dashboard', 'procedures', 'contacts', 'incidents', 'exchange', 'settings'],
  'workspace.': WORKSPACES,
  'roles.': ROLES,
  'level.': LEVELS,
  'escalation.': ESCALATION_LEVELS,
  'incidentStatus.': INCIDENT_STATUSES,
  'log.kind.': LOG_ENTRY_KINDS,
  'channel.': CHANNEL_TYPES,
  'contacts.kind.': ['person', 'organisation'],
  'procedures.scope.': ['eu', 'national'],
  'tlp.meaning.': TLP_LABELS,
  'tables.': JOURNALED_TABLES,
  'exchange.kind.': OPERATION_KINDS,
  'exchange.finding.': ['record-without-operations', 'operations-without-record', 'field-mismatch', 'clock-list-mismatch'],
  'errors.': APP_ERROR_CODES,
  'incidents.filter.': ['active', 'all'],
  'settings.themes.': ['system', 'light', 'dark'],
  'keyring.trust.': TRUST_STATES,
  'keyring.method.': ['telephone', 'in-person', 'video'],
  'bundleErrors.': BUNDLE_ERROR_CODES,
  'tlpReasons.': TLP_LEFT_OUT_REASONS,
  'exchangeLog.event.': EXCHANGE_EVENTS,
  'receiptErrors.': RECEIPT_ERROR_CODES,
  'incidentField.': TRACKED_INCIDENT_FIELDS,
  'severity.dimension.': SEVERITY_DIMENSIONS,
  'severity.rating.': SEVERITY_RATINGS,
  'networkState.': NETWORK_STATES,
  'ipcr.mode.': IPCR_MODES,
  'requests.kind.': REQUEST_KINDS,
  'requests.status.': REQUEST_STATUSES,
  'chain.finding.': CHAIN_FINDING_KINDS,
  'reports.kind.': REPORT_KINDS,
  'reports.ui.levelHint.': LEVELS,
  'logForm.channels.': RECEIVED_CHANNELS,
  'timeline.state.': ['corrected', 'withdrawn'],
  'clocks.status.': CLOCK_STATUSES,
  'clocks.unitName.': CLOCK_UNITS,
  'directory.tier.': PACE_TIERS,
  'directory.tierLetter.': PACE_TIERS,
  'directory.orgType.': ORGANISATION_TYPES,
  'directory.method.': VERIFICATION_METHODS,
  'outage.infra.': INFRASTRUCTURES,
  'outage.infraLower.': INFRASTRUCTURES,
  'callTrees.logText.': [...CALL_STATES, 'completed', 'abandoned'],
  'callTrees.status.': ['ready', 'waiting', ...CALL_STATES],
  'callTrees.roundStatus.': RUN_STATUSES,
  'callTrees.round.': ['started', 'completed', 'abandoned'],
  'contactInterop.problem.': INTEROP_PROBLEM_CODES,
  'contactInterop.field.': CSV_FIELDS,
  'contactInterop.typed.': TYPED_FAMILIES,
  'contactInterop.slotPart.': SLOT_PARTS,
  'contactInterop.encoding.': TEXT_ENCODINGS,
  'contactInterop.status.': ['new', 'changed', 'duplicate'],
  'contactInterop.matchedBy.': ['id', 'name', 'channel'],
  'contactInterop.draftField.': CONTACT_DRAFT_FIELDS,
  'procedureEditor.issue.': [...STRUCTURE_ISSUE_CODES, 'schema', 'not-json', 'wrong-format', 'newer-format', 'too-large'],
  'procedureEditor.severity.': ['error', 'warning'],
  'packImport.refusal.': [...PACK_FILE_REFUSALS, 'other-format', 'invalid', 'other-pack', 'not-newer', 'revision-conflict'],
  'packImport.status.': ['added', 'changed', 'unchanged', 'withdrawn'],
  'procedure.kind.': STEP_KINDS,
  'procedure.mark.': ['pending', 'done', 'skipped', 'blocked', 'current'],
  'procedureRun.status.': RUN_STATUSES,
  'procedureRun.closed.': ['completed', 'abandoned'],
  'procedureRun.recorded.': ['done', 'skipped', 'blocked', 'reopened'],
  'reference.scope.': ['union', 'national', 'international'],
  'procedureEditor.kinds.': STEP_KINDS,
  'procedureEditor.flowKinds.': FLOW_KINDS,
  'procedureEditor.diff.': ['added', 'removed', 'changed'],
  'procedureEditor.diff.part.': ['lane', 'step', 'flow'],
  'destinations.kind.': DESTINATION_KINDS,
  'destinations.kindHint.': DESTINATION_KINDS,
  // renderer/src/app/StoreResetNotice.tsx: the way back after Chromium cleared a damaged store.
  'startup.': ['storeResetStepSetup', 'storeResetStepBackup', 'storeResetStepBundles', 'storeResetStepLog'],
  'procedureEditor.diff.fields.': ['position', 'actor', 'level', 'label', 'roles', 'lane', 'kind', 'title', 'text', 'citations', 'outcomes', 'checklist', 'reports', 'from', 'to', 'outcome', 'scope', 'country', 'summary'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Keys the renderer uses: t('a.b'), t(`a.${x}`), messageKey: 'a.b', run(…, 'a.b'). */
function usedKeys(): string[] {
  const keys = new Set<string>();
  for (const file of sourceFiles('renderer/src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*(['`])([^'`]+)\1/g)) keys.add(m[2]!);
    for (const m of text.matchAll(/messageKey: '([a-z][\w.-]+)'/g)) keys.add(m[1]!);
    for (const m of text.matchAll(/,\s*'([a-z]+\.[a-zA-Z]+)',?\s*(?:\{[^}]*\})?\s*,?\s*\)/g)) keys.add(m[1]!);
  }
  return [...keys].flatMap((key) => {
    const dynamic = key.indexOf('${');
    if (dynamic === -1) return [key];
    const prefix = key.slice(0, dynamic);
    const values = DYNAMIC[prefix];
    if (!values) throw new Error(`no value list for the dynamic translation key ${key}`);
    return values.map((v) => prefix + v);
  });
}

function exists(keys: ReadonlySet<string>, key: string): boolean {
  return keys.has(key) || (keys.has(`${key}_one`) && keys.has(`${key}_other`));
}

describe('translations', () => {
  for (const language of LANGUAGES) {
    it(`${language} has exactly the keys of English, none empty`, () => {
      const keys = translationKeys(TRANSLATIONS[language]);
      expect(new Set(keys)).toEqual(english);
      for (const key of keys) expect(translate(language, key).trim(), key).not.toBe('');
    });

    it(`${language} has every key the renderer uses`, () => {
      const have = new Set(translationKeys(TRANSLATIONS[language]));
      const missing = usedKeys().filter((key) => !exists(have, key));
      expect(missing).toEqual([]);
    });
  }

  it('finds the keys the renderer uses (the scan itself works)', () => {
    const used = usedKeys();
    expect(used).toContain('incidents.new');
    expect(used).toContain('errors.journal-bypass');
    expect(used).toContain('procedures.stepCount');
    expect(used.length).toBeGreaterThan(150);
  });

  it('interpolates like i18next', () => {
    expect(translate('nl', 'menu.aboutDetail', { version: '1.2.3' })).toContain('Versie 1.2.3');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('Dutch text is not English left untranslated', () => {
    // Strings that really are the same in both languages (a product name, a term Dutch borrowed).
    const identicalInBoth = new Set(['app.name', 'escalation.significant-incident', 'clocks.minutes_one', 'clocks.minutes_other']);
    const same = translationKeys(TRANSLATIONS.en).filter((key) => {
      if (identicalInBoth.has(key)) return false;
      const en = translate('en', key);
      return en === translate('nl', key) && /\s/.test(en) && !/[{}]/.test(en);
    });
    // Multi-word strings identical in both languages are suspicious; the list must stay empty.
    expect(same).toEqual([]);
  });
});
