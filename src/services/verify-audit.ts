import { type Actor, requirePermission } from '../domain/actor.ts';
import { type AuditReader, type AuditVerification, verifyAuditChain } from '../domain/audit-entry.ts';
import { forbidden } from '../domain/errors.ts';
import type { Hasher, Transactor } from '../domain/ports.ts';
import { isRootJurisdiction } from './detection-scope.ts';

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
    /**
     * The entries themselves (with every object's before and after) span all jurisdictions, so paging
     * through them needs a whole-world jurisdiction; verifying the chain does not show their content.
     */
    async entries(actor: Actor, afterSeq: number, limit: number) {
      requirePermission(actor, 'audit:read');
      if (!isRootJurisdiction(actor))
        throw forbidden('the audit log spans every jurisdiction; reading its entries needs the whole world');
      return deps.tx.transaction(({ audit }) => audit.page(afterSeq, limit));
    },
  };
}

export type AuditVerificationService = ReturnType<typeof createAuditVerification>;
