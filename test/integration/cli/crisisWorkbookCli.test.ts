/**
 * The built command-line tool (dist/cli/crisis-workbook.mjs, built here with scripts/build-cli.mjs)
 * used the way a liaison officer or a national system would: keygen, pack, inspect, verify,
 * decrypt — and its bundles checked with minisign and age.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingTools, run, type RunResult } from './tools';

const root = resolve(import.meta.dirname, '../../..');
const CLI = join(root, 'dist/cli/crisis-workbook.mjs');
const missing = missingTools(['minisign', 'age', 'unzip', 'script'], 'command-line tool checks with the standard tools');

const INCIDENT = '01JQ0000000000000000000001';
const RECORDS = [
  { table: 'incidents', id: INCIDENT, tlp: 'GREEN', title: 'DDoS on port authority', summary: 'Ongoing.', escalation: 'significant-incident', status: 'open', startedAt: '2026-03-01T07:40:00.000Z', memberStates: ['NL', 'BE'], sectors: ['transport'] },
  { table: 'logEntries', tlp: 'GREEN', incidentId: INCIDENT, kind: 'observation', text: 'Traffic peaks at 40 Gbit/s; scrubbing engaged.', occurredAt: '2026-03-01T07:45:00.000Z', author: 'J. Jansen, NCSC-NL' },
  { table: 'logEntries', tlp: 'AMBER', incidentId: INCIDENT, kind: 'decision', text: 'Escalate to the national crisis team.', occurredAt: '2026-03-01T08:05:00.000Z', author: 'J. Jansen, NCSC-NL' },
  { table: 'incidents', op: 'update', id: INCIDENT, status: 'recovery' },
];

describe.skipIf(missing.length > 0)('crisis-workbook command-line tool', () => {
  let dir: string;
  const cli = (...args: string[]): RunResult => run(process.execPath, [CLI, ...args], { cwd: dir });
  const path = (name: string): string => join(dir, name);

  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { cwd: root, stdio: 'pipe' });
    dir = mkdtempSync(join(tmpdir(), 'cwb-cli-'));
    writeFileSync(path('pw.txt'), 'correct horse battery staple\n');
    writeFileSync(path('records.ndjson'), RECORDS.map((r) => JSON.stringify(r)).join('\n') + '\n');
    for (const [who, org, country, role] of [['alice', 'NCSC-NL', 'NL', 'csirt'], ['bob', 'CCB', 'BE', 'cyber-crisis-authority']] as const) {
      const r = cli('keygen', '--out', who, '--passphrase-file', 'pw.txt', '--organisation', org, '--country', country, '--person', `${who} tester`, '--role', role);
      expect(r.status, r.stderr).toBe(0);
    }
  }, 60_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is built as one executable file with a node shebang', () => {
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
    expect(cli('help').status).toBe(0);
  });

  it('keygen writes card, protected secret and public keys, and never overwrites', () => {
    expect(statSync(path('alice/identity.secret.age')).mode & 0o077).toBe(0);
    expect(readFileSync(path('alice/identity.secret.age'), 'utf8')).toContain('-----BEGIN AGE ENCRYPTED FILE-----');
    expect(readFileSync(path('alice/minisign.pub'), 'utf8')).toMatch(/^untrusted comment: minisign public key [0-9A-F]{16}\nRW[A-Za-z0-9+/]{54}\n$/);
    const again = cli('keygen', '--out', 'alice', '--passphrase-file', 'pw.txt', '--organisation', 'X', '--country', 'NL', '--person', 'Y', '--role', 'csirt');
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/^crisis-workbook: file-exists: .*\n$/);
  });

  it('packs a plain bundle (AMBER left out), inspects it as JSON, and minisign agrees', () => {
    const packed = cli('pack', '--identity', 'alice/identity.secret.age', '--passphrase-file', 'pw.txt', '--records', 'records.ndjson', '--out', 'plain.cwb');
    expect(packed.status, packed.stderr).toBe(0);
    expect(packed.stderr).toMatch(/left out: logEntries [0-9A-Z]{26} \(AMBER\): amber-needs-encryption/);
    const inspected = cli('inspect', 'plain.cwb', '--json');
    expect(inspected.status, inspected.stderr).toBe(0);
    const info = JSON.parse(inspected.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({
      encrypted: false,
      workspace: 'real',
      sequence: 1,
      highestTlp: 'GREEN',
      operations: 3,
      counts: { incidents: 2, logEntries: 1 },
      signer: { organisation: 'NCSC-NL', country: 'NL' },
      check: { ok: true },
    });
    expect(run('unzip', ['-q', '-d', path('plain'), path('plain.cwb')]).status).toBe(0);
    expect(run('minisign', ['-Vm', path('plain/header.json'), '-p', path('alice/minisign.pub')]).status).toBe(0);
    expect(run('minisign', ['-Vm', path('plain/operations.ndjson.gz'), '-p', path('alice/minisign.pub')]).status).toBe(0);
  });

  it('verify: 0 when intact and signed by the card; otherwise non-zero with one line', () => {
    const good = cli('verify', 'plain.cwb', '--signer', 'alice/identity.card.json');
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/^OK: plain.cwb is intact and signed by NCSC-NL \(NL\)/);

    const bytes = readFileSync(path('plain.cwb'));
    bytes[bytes.length - 400]! ^= 0x04;
    writeFileSync(path('tampered.cwb'), bytes);
    const bad = cli('verify', 'tampered.cwb', '--signer', 'alice/identity.card.json');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^crisis-workbook: bundle-(altered|signature-invalid|malformed): [^\n]+\n$/);

    const wrongSigner = cli('verify', 'plain.cwb', '--signer', 'bob/identity.card.json');
    expect(wrongSigner.status).toBe(1);
    expect(wrongSigner.stderr).toMatch(/^crisis-workbook: bundle-unknown-signer: [^\n]+not signed by CCB \(BE\)[^\n]*\n$/);

    writeFileSync(path('truncated.cwb'), readFileSync(path('plain.cwb')).subarray(0, 500));
    const truncated = cli('verify', 'truncated.cwb', '--signer', 'alice/identity.card.json');
    expect([truncated.status, truncated.stderr.split('\n').length]).toEqual([1, 2]);
    expect(truncated.stderr).toMatch(/^crisis-workbook: bundle-truncated: /);
  });

  it('packs encrypted to a card; age -d and decrypt open it for the recipient only', () => {
    const packed = cli('pack', '--identity', 'alice/identity.secret.age', '--passphrase-file', 'pw.txt', '--records', 'records.ndjson', '--out', 'enc.cwb', '--to', 'bob/identity.card.json');
    expect(packed.status, packed.stderr).toBe(0);
    expect(packed.stdout).toMatch(/highest TLP AMBER/);
    expect(readFileSync(path('alice/identity.secret.age.sequence'), 'utf8')).toBe('2\n');

    const outside = cli('inspect', 'enc.cwb', '--json');
    expect(JSON.parse(outside.stdout)).toMatchObject({ encrypted: true, encryptedRecipients: 1, opened: false });

    const decrypted = cli('decrypt', 'enc.cwb', '--identity', 'bob/identity.secret.age', '--passphrase-file', 'pw.txt', '--out', 'dec.cwb');
    expect(decrypted.status, decrypted.stderr).toBe(0);
    expect(cli('verify', 'dec.cwb', '--signer', 'alice/identity.card.json').status).toBe(0);

    // Without the recipient's identity the signatures inside cannot be reached.
    const locked = cli('verify', 'enc.cwb', '--signer', 'alice/identity.card.json');
    expect(locked.status).toBe(1);
    expect(locked.stderr).toMatch(/^crisis-workbook: bundle-not-for-this-installation: enc.cwb is encrypted/);

    const notForAlice = cli('decrypt', 'enc.cwb', '--identity', 'alice/identity.secret.age', '--passphrase-file', 'pw.txt', '--out', 'no.cwb');
    expect(notForAlice.status).toBe(1);
    expect(notForAlice.stderr).toMatch(/^crisis-workbook: bundle-not-for-this-installation: /);
    expect(existsSync(path('no.cwb'))).toBe(false);

    const verified = cli('verify', 'enc.cwb', '--signer', 'alice/identity.card.json', '--identity', 'bob/identity.secret.age', '--passphrase-file', 'pw.txt');
    expect(verified.status, verified.stderr).toBe(0);
  }, 60_000); // five scrypt (log N = 18) openings of identity files

  it('age -d decrypts a tool-made bundle with the recipient key from the secret identity', () => {
    // Extract bob's age identity the way a person would: age -d of the backup (passphrase via a terminal).
    const r = run('script', ['-qec', `age -d -o ${path('bob-secret.json')} ${path('bob/identity.secret.age')}`, '/dev/null'], { input: 'correct horse battery staple\n' });
    expect(r.status, r.stdout).toBe(0);
    const secret = JSON.parse(readFileSync(path('bob-secret.json'), 'utf8')) as { ageIdentity: string };
    writeFileSync(path('bob-key.txt'), `${secret.ageIdentity}\n`);
    const out = run('age', ['-d', '-i', path('bob-key.txt'), '-o', path('by-age.cwb'), path('enc.cwb')]);
    expect(out.status, out.stderr).toBe(0);
    expect(readFileSync(path('by-age.cwb'))).toEqual(readFileSync(path('dec.cwb')));
  });

  it('stops with a one-line reason on a wrong passphrase, bad records and a wrong command line', () => {
    writeFileSync(path('wrong-pw.txt'), 'not it\n');
    const wrong = cli('pack', '--identity', 'alice/identity.secret.age', '--passphrase-file', 'wrong-pw.txt', '--records', 'records.ndjson', '--out', 'x.cwb');
    expect([wrong.status, wrong.stderr]).toEqual([3, expect.stringMatching(/^crisis-workbook: identity-wrong-passphrase: [^\n]+\n$/)]);
    writeFileSync(path('bad.ndjson'), '{"table":"logEntries","incidentId":"01JQ0000000000000000000001","kind":"observation","text":"no label"}\n');
    const bad = cli('pack', '--identity', 'alice/identity.secret.age', '--passphrase-file', 'pw.txt', '--records', 'bad.ndjson', '--out', 'x.cwb');
    expect([bad.status, bad.stderr]).toEqual([3, expect.stringMatching(/^crisis-workbook: records-invalid: records line 1: a TLP label/)]);
    const usage = cli('verify', 'plain.cwb');
    expect([usage.status, usage.stderr]).toEqual([2, 'crisis-workbook: usage: verify needs --signer CARD\n']);
    expect(cli('frobnicate').status).toBe(2);
    expect(cli('inspect', 'plain.cwb', '--colour').status).toBe(2);
  }, 30_000);
});
