/**
 * Exported vCards read by an independent parser: Python's vobject (Debian package
 * python3-vobject), as used by address-book tools such as Radicale and khard. The names, telephone
 * numbers and e-mail addresses it finds must be the ones the workbook wrote.
 *
 * Locally the test is skipped, with the reason printed, when python3-vobject is not installed;
 * in CI (CI=true, where .ci/run installs it) a missing vobject fails the test instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { splitPersonName, type ContactDraft } from '../../../../shared/contacts/interop';
import { writeVcards } from '../../../../shared/contacts/vcard';
import { newRecordId } from '../../../../shared/model/ids';
import { contactDraft, NON_ASCII_NAMES } from './contactArbitraries';

const CANDIDATES = ['/usr/bin/python3', 'python3'];
const python = CANDIDATES.find((p) => spawnSync(p, ['-c', 'import vobject'], { encoding: 'utf8' }).status === 0) ?? null;
const inCi = process.env['CI'] === 'true';
if (!python && !inCi) console.warn('SKIPPED vobject interoperability: python3-vobject is not installed (apt-get install -y python3-vobject)');

const SCRIPT = `
import json, sys, vobject
out = []
with open(sys.argv[1], encoding='utf-8', newline='') as f:
    for card in vobject.readComponents(f.read()):
        c = card.contents
        n = card.n.value if 'n' in c else None
        out.append({
            'fn': card.fn.value,
            'n': [n.family, n.given] if n is not None else None,
            'org': card.org.value if 'org' in c else None,
            'tel': [t.value for t in c.get('tel', [])],
            'email': [e.value for e in c.get('email', [])],
            'kind': card.kind.value if 'kind' in c else None,
        })
json.dump(out, sys.stdout, ensure_ascii=False)
`;

const PHONES = new Set(['landline', 'mobile', 'satellite-phone', 'secure-phone', 'fax']);
const MAILS = new Set(['email', 'secure-email']);

describe.skipIf(!python && !inCi)('exported vCards read by Python vobject', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cwb-vobject-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function vobjectRead(drafts: readonly ContactDraft[]): unknown[] {
    if (!python) throw new Error('python3-vobject is required in CI (CI=true): apt-get install -y python3-vobject');
    const file = join(dir, `export-${Math.random().toString(36).slice(2)}.vcf`);
    writeFileSync(file, writeVcards(drafts.map((draft) => ({ id: newRecordId(), draft })), 'real'), 'utf8');
    const r = spawnSync(python, ['-c', SCRIPT, file], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as unknown[];
  }

  function expected(d: ContactDraft) {
    const { given, family } = splitPersonName(d.name);
    const org = d.organisation || (d.kind === 'organisation' ? d.name : '');
    return {
      fn: d.name,
      n: d.kind === 'person' ? [family, given] : null,
      org: org ? [org] : null,
      tel: d.channels.filter((c) => PHONES.has(c.type)).map((c) => c.value),
      email: d.channels.filter((c) => MAILS.has(c.type)).map((c) => c.value),
      kind: d.kind === 'organisation' ? 'org' : 'individual',
    };
  }

  it('finds the Dutch, Greek and Polish names, numbers and addresses the workbook wrote', () => {
    const drafts: ContactDraft[] = NON_ASCII_NAMES.map((name, i) => ({
      kind: i % 4 === 3 ? 'organisation' : 'person',
      name,
      organisation: i % 2 ? 'Εθνική Αρχή Κυβερνοασφάλειας' : 'Ministerstwo Cyfryzacji; Departament Cyberbezpieczeństwa',
      country: 'NL',
      roles: [],
      level: 'operational',
      tlp: 'GREEN',
      channels: [
        { type: 'mobile', value: `+31 6 1234 56${i}0`, note: '', label: '', tier: null, failAfterMinutes: null, onFailure: '', dependsOn: null },
        { type: 'email', value: `contact${i}@example.eu`, note: 'werkdagen', label: '', tier: 'alternate', failAfterMinutes: 30, onFailure: '', dependsOn: null },
        { type: 'satellite-phone', value: '+881 6 1234 5678', note: '', label: '', tier: null, failAfterMinutes: null, onFailure: '', dependsOn: null },
        { type: 'in-person', value: 'Turfmarkt 147, Den Haag', note: '', label: '', tier: null, failAfterMinutes: null, onFailure: '', dependsOn: null },
      ],
      organisationType: null,
      organisationId: null,
      position: 'Oficer łącznikowy',
      fingerprint: null,
      verified: null,
      notes: 'Zoë — Γιώργος — Łukasz\nsecond line; with, separators',
    }));
    expect(vobjectRead(drafts)).toEqual(drafts.map(expected));
  });

  it('reads arbitrary exported contacts the same way (sampled property)', () => {
    // Separators and escapes in any field; vobject must still find every card and its values.
    const drafts = fc.sample(contactDraft, { numRuns: 60, seed: 20260310 });
    const parsed = vobjectRead(drafts);
    expect(parsed).toHaveLength(drafts.length);
    expect(parsed).toEqual(drafts.map(expected));
  });
});
