/**
 * Option lists for selects, translated and sorted in the user's language.
 */
import { useTranslation } from 'react-i18next';
import { COUNTRY_CODES, EU_MEMBER_STATES, type CountryCode } from '../../../shared/model/countries';
import { ROLES } from '../../../shared/model/roles';
import { TLP_LABELS } from '../../../shared/model/tlp';
import { useFormatters } from '../i18n/format';

export function CountryOptions({ includeEu = true }: { includeEu?: boolean }) {
  const f = useFormatters();
  const codes: readonly CountryCode[] = includeEu ? COUNTRY_CODES : EU_MEMBER_STATES;
  const sorted = [...codes].sort((a, b) => f.compare(f.country(a), f.country(b)));
  return (
    <>
      {sorted.map((code) => (
        <option key={code} value={code}>
          {f.country(code)}
        </option>
      ))}
    </>
  );
}

export function RoleOptions() {
  const { t } = useTranslation();
  return (
    <>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`roles.${role}`)}
        </option>
      ))}
    </>
  );
}

export function TlpOptions() {
  return (
    <>
      {TLP_LABELS.map((label) => (
        <option key={label} value={label}>
          TLP:{label}
        </option>
      ))}
    </>
  );
}
