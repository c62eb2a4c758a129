/**
 * Bounds of the passphrase that protects an identity backup (age, scrypt). One definition for the
 * web path (renderer/src/db/identity.ts), the desktop key vault in the main process and the IPC
 * argument schemas, so that the three can never disagree. Dependency-free on purpose: the IPC
 * contract imports it, and the contract is bundled into the sandboxed preload.
 */

/** The shortest passphrase a new backup accepts (the rule users see). */
export const MIN_PASSPHRASE_LENGTH = 12;

/**
 * The longest passphrase accepted anywhere. Not a security rule: it only stops absurd inputs
 * (scrypt would hash a megabyte just as well) from crossing IPC.
 */
export const MAX_PASSPHRASE_LENGTH = 1024;
