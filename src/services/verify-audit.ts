import { type Actor, requirePermission } from '../domain/actor.ts';
import { type AuditReader, type AuditVerification, verifyAuditChain } from '../domain/audit-entry.ts';
import type { Hasher, Transactor } from '../domain/ports.ts';

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
    async entries(actor: Actor, afterSeq: number, limit: number) {
      requirePermission(actor, 'audit:read');
      return deps.tx.transaction(({ audit }) => audit.page(afterSeq, limit));
    },
  };
}

export type AuditVerificationService = ReturnType<typeof createAuditVerification>;
