import { beforeAll, describe, expect, it } from 'vitest';
import { BundleHeaderSchema, type BundleHeader } from '../../../../shared/bundle/header';
import { bundleBytes, makeIdentity } from './bundleFixtures';

let header: BundleHeader;

beforeAll(async () => {
  header = (await bundleBytes(await makeIdentity('NCSC-NL', 'NL'), [])).written.header;
});

describe('bundle header schema', () => {
  it('accepts a written header', () => {
    expect(BundleHeaderSchema.safeParse(header).success).toBe(true);
  });

  it('returns an issue, never throws, for a sender card whose signing key is not even base64', () => {
    for (const signingKey of ['[[[', '', 'RWQ=', '💥'.repeat(50)]) {
      const broken = { ...header, sender: { ...header.sender, card: { ...header.sender.card, signingKey } } };
      const parsed = BundleHeaderSchema.safeParse(broken);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.length).toBeGreaterThan(0);
    }
  });

  it('still refuses a keyId that is not the card’s', () => {
    expect(BundleHeaderSchema.safeParse({ ...header, sender: { ...header.sender, keyId: '0'.repeat(16) } }).success).toBe(false);
  });
});
