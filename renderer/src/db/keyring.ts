/**
 * Keyring changes: adding a peer's identity card, recording that its fingerprint was compared, and
 * revoking it. All through the change journal, so trust decisions are audited.
 */
import { identityFingerprint, parseIdentityCard } from '../../../shared/crypto/identity';
import { WorkbookError } from '../../../shared/errors/codes';
import type { KeyringEntry } from '../../../shared/model/keyring';
import type { ChangeJournal } from './journal';
import type { WorkbookDb } from './WorkbookDb';

export function listKeyring(db: WorkbookDb): Promise<KeyringEntry[]> {
  return db.keyring.toArray();
}

/**
 * Add a peer from the text of its identity card. The same card again changes nothing; a different
 * key for an installation already in the keyring is refused (it may be an impostor).
 */
export async function addPeerCard(db: WorkbookDb, journal: ChangeJournal, text: string): Promise<{ entry: KeyringEntry; added: boolean }> {
  const parsed = parseIdentityCard(text);
  if (!parsed.ok) throw new WorkbookError(parsed.code, parsed.detail);
  const card = parsed.card;
  if (card.installationId === journal.installationId) throw new WorkbookError('identity-is-own');
  const existing = await db.keyring.get(card.installationId);
  if (existing) {
    if (existing.card.signingKey !== card.signingKey || existing.card.encryptionKey !== card.encryptionKey) {
      throw new WorkbookError('identity-key-changed', card.installationId);
    }
    return { entry: existing, added: false };
  }
  const entry = await journal.create(
    'keyring',
    {
      card,
      fingerprint: identityFingerprint(card),
      trust: 'unverified',
      verifiedBy: null,
      verifiedAt: null,
      verifiedHow: null,
      revokedBy: null,
      revokedAt: null,
      revokedReason: null,
    },
    { workspace: null, id: card.installationId },
  );
  return { entry, added: true };
}

export function markPeerVerified(journal: ChangeJournal, id: string, by: string, how: string): Promise<KeyringEntry> {
  return journal.update('keyring', id, { trust: 'verified', verifiedBy: by, verifiedHow: how, verifiedAt: new Date().toISOString() });
}

export function revokePeer(journal: ChangeJournal, id: string, by: string, reason: string): Promise<KeyringEntry> {
  return journal.update('keyring', id, { trust: 'revoked', revokedBy: by, revokedReason: reason, revokedAt: new Date().toISOString() });
}
