/**
 * Two installations (two browser contexts) exchange identity cards, compare fingerprints and
 * record the verification; a tampered card is refused; revocation is recorded.
 */
import { expect, navLink, screenshotPath, test } from './fixtures';
import { createIdentity, withTwoInstallations } from './installations';

test('two installations exchange identity cards and verify their fingerprints', async ({ browser }) => {
  const setups = [
    { organisation: 'Alpha Cyber Crisis Centre', person: 'Ada Alpha', startIn: 'real' },
    { organisation: 'Bravo National CSIRT', person: 'Bo Bravo', startIn: 'real' },
  ] as const;
  await withTwoInstallations(browser, setups, async (a, b) => {
    const alphaIdentity = await createIdentity(a);
    expect(alphaIdentity.fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    await a.screenshot({ path: screenshotPath('exchange-identity-en'), fullPage: true });

    await navLink(b, 'Exchange').click();
    await b.getByRole('button', { name: 'Add identity card' }).click();
    const add = b.getByRole('dialog', { name: 'Add identity card' });

    // A card altered after signing is refused with a message, and nothing is added.
    await add.getByLabel('Identity card').fill(alphaIdentity.card.replace('Alpha Cyber Crisis Centre', 'Mallory Crisis Centre'));
    await add.getByRole('button', { name: 'Add to keyring' }).click();
    await expect(add.getByText('altered after it was made')).toBeVisible();

    await add.getByLabel('Identity card').fill(alphaIdentity.card);
    // The preview shows the same fingerprint Alpha reads out.
    await expect(add.locator('.fingerprint')).toHaveText(alphaIdentity.fingerprint);
    await add.getByRole('button', { name: 'Add to keyring' }).click();
    const row = b.getByRole('row', { name: /Alpha Cyber Crisis Centre/ });
    await expect(row).toContainText('Not verified');

    await row.getByRole('button', { name: 'Verify' }).click();
    const verify = b.getByRole('dialog', { name: 'Verify Alpha Cyber Crisis Centre' });
    await expect(verify.getByTestId('peer-fingerprint')).toHaveText(alphaIdentity.fingerprint);
    await verify.getByRole('button', { name: 'Record as verified' }).click();
    await expect(verify.getByText('Confirm that the fingerprint matched')).toBeVisible();
    await verify.getByLabel('Every group of the fingerprint matched.').check();
    await verify.getByRole('button', { name: 'Record as verified' }).click();
    await expect(row).toContainText('Verified');
    await expect(row).toContainText('by Bo Bravo (Telephone call-back)');
    await b.screenshot({ path: screenshotPath('exchange-keyring-en'), fullPage: true });

    // Trust survives a reload; the same card again is recognised.
    await b.reload();
    await expect(b.getByRole('row', { name: /Alpha Cyber Crisis Centre/ })).toContainText('Verified');
    await b.getByRole('button', { name: 'Add identity card' }).click();
    await b.getByRole('dialog').getByLabel('Identity card').fill(alphaIdentity.card);
    await b.getByRole('dialog').getByRole('button', { name: 'Add to keyring' }).click();
    await expect(b.getByRole('dialog').getByText('already in the keyring')).toBeVisible();
    await b.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // Revocation is recorded with its reason.
    await b.getByRole('row', { name: /Alpha Cyber Crisis Centre/ }).getByRole('button', { name: 'Revoke' }).click();
    const revoke = b.getByRole('dialog', { name: 'Revoke Alpha Cyber Crisis Centre' });
    await revoke.getByLabel('Reason').fill('Laptop of the liaison officer lost');
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await expect(b.getByRole('row', { name: /Alpha Cyber Crisis Centre/ })).toContainText('Revoked');
    await expect(b.getByRole('row', { name: /Alpha Cyber Crisis Centre/ })).toContainText('Laptop of the liaison officer lost');
  });
});
