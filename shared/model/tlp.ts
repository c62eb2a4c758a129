/**
 * Traffic Light Protocol 2.0 labels (FIRST, 2022). Every record carries one, so that an export can
 * leave out what the recipient may not see and everything printed says how it may be shared.
 */
import { z } from 'zod';

export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const TlpSchema = z.enum(TLP_LABELS);
export type Tlp = z.infer<typeof TlpSchema>;

/** Rank used to compare labels: a higher rank restricts sharing more. */
export function tlpRank(label: Tlp): number {
  return TLP_LABELS.indexOf(label);
}

/** The most restrictive of several labels (e.g. for a printout that combines records). */
export function mostRestrictiveTlp(labels: readonly Tlp[]): Tlp {
  return labels.reduce<Tlp>((worst, l) => (tlpRank(l) > tlpRank(worst) ? l : worst), 'CLEAR');
}
