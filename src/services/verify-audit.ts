import { type Actor, requirePermission } from '../domain/actor.ts';
import {
  type AuditReader,
  type AuditSearch,
  type AuditVerification,
  verifyAuditChain,
} from '../domain/audit-entry.ts';
import { forbidden, invalid } from '../domain/errors.ts';
import type { Hasher, Transactor } from '../domain/ports.ts';
import { isRootJurisdiction } from './detection-scope.ts';

/**
 * The entries themselves (with every object's before and after) span all jurisdictions, so reading them
 * needs audit:read and a whole-world jurisdiction; verifying the chain does not show their content.
 */
function requireWholeLogReader(actor: Actor): void {
  requirePermission(actor, 'audit:read');
  if (!isRootJurisdiction(actor))
    throw forbidden('the audit log spans every jurisdiction; reading its entries needs the whole world');
}

/** Verifies the audit hash chain from the first entry to the recorded head (permission audit:read). */
export function createAuditVerification(deps: {
  readonly tx: Transactor<{ readonly audit: AuditReader }>;
  readonly hash: Hasher;
}) {
  return {
    async verify(actor: Actor): Promise<AuditVerification> {
      requirePermission(actor, 'audit:read');
      return deps.tx.transaction(({ audit }) => verifyAuditChain(audit, deps.hash));
    },
    /** The entries after a sequence number, oldest first (whole-world readers only). */
    async entries(actor: Actor, afterSeq: number, limit: number) {
      requireWholeLogReader(actor);
      return deps.tx.transaction(({ audit }) => audit.page(afterSeq, limit));
    },
    /** The newest entries matching the search (object, actor, time span), newest first (whole-world readers only). */
    async search(actor: Actor, search: AuditSearch, limit: number) {
      requireWholeLogReader(actor);
      const problems = (['from', 'to'] as const)
        .filter((k) => search[k] !== undefined && Number.isNaN(Date.parse(search[k] ?? '')))
        .map((field) => ({
          field,
          message: 'a date or time (ISO 8601), e.g. 2026-11-28 or 2026-11-28T09:00:00Z',
        }));
      if (problems.length > 0) throw invalid(problems);
      // Dates alone mean whole days in UTC: from the start of `from` to the end of `to`.
      const normalised: AuditSearch = {
        ...search,
        from: search.from === undefined ? undefined : new Date(search.from).toISOString(),
        to:
          search.to === undefined
            ? undefined
            : /^\d{4}-\d{2}-\d{2}$/.test(search.to)
              ? new Date(Date.parse(search.to) + 86_400_000).toISOString()
              : new Date(search.to).toISOString(),
      };
      return deps.tx.transaction(({ audit }) => audit.search(normalised, limit));
    },
  };
}

export type AuditVerificationService = ReturnType<typeof createAuditVerification>;
