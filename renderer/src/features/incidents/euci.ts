/**
 * The security markings of EU classified information, as written on the documents themselves.
 * They are official markings in French and English, identical in every language of the UI, so
 * they are constants here rather than translations.
 */
import type { EUCI_LEVELS } from '../../../../shared/model/records';

export type EuciLevel = (typeof EUCI_LEVELS)[number];

export const EUCI_MARKINGS: Readonly<Record<EuciLevel, string>> = {
  'restreint-ue': 'RESTREINT UE/EU RESTRICTED',
  'confidentiel-ue': 'CONFIDENTIEL UE/EU CONFIDENTIAL',
  'secret-ue': 'SECRET UE/EU SECRET',
  'tres-secret-ue': 'TRÈS SECRET UE/EU TOP SECRET',
};
