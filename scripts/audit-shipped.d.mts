// Types of scripts/audit-shipped.mjs for its unit test (test/unit/scripts/auditShipped.test.ts).
export interface AuditLine {
  readonly name: string;
  readonly severity: string;
  readonly advisories: readonly string[];
}
export type AuditVerdict =
  | { readonly status: 'not-run'; readonly reason: string }
  | { readonly status: 'passed' | 'failed'; readonly fatal: readonly AuditLine[]; readonly other: readonly AuditLine[] };
export function packageOfPath(path: string): string | null;
export function shippedPackages(input: { sourceMaps: ReadonlyArray<{ sources?: readonly string[] }>; bundles: readonly string[] }): string[];
export function unpinnedDependencies(packageJson: Record<string, unknown>): string[];
export function judgeAudit(report: unknown, shipped: readonly string[]): AuditVerdict;
