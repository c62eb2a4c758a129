import type { TFunction } from 'i18next';
import type { Infrastructure } from '../../../../shared/model/outage';

/** "internet and mobile network", in the user's language. */
export function infrastructureList(t: TFunction, locale: string, down: readonly Infrastructure[]): string {
  const names = down.map((i) => t(`outage.infraLower.${i}`));
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}
