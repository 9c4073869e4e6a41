import type { Command } from 'commander';
import type { AuditVerification } from '../domain/audit-entry.ts';
import type { CliIo } from './detect-command.ts';

export interface AuditCommandDeps {
  verifyAudit(): Promise<AuditVerification>;
}

/** `tocsin audit verify`: walks the hash chain; exit 0 when intact, 1 naming the first broken entry. */
export function registerAuditCommand(
  program: Command,
  io: CliIo,
  deps: () => Promise<AuditCommandDeps>,
): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('verify the hash chain of the audit log')
    .action(async () => {
      const v = await (await deps()).verifyAudit();
      if (v.ok) io.stdout(`audit chain OK: ${v.entries} entries, head ${v.headHash}\n`);
      else {
        io.stdout(
          `audit chain BROKEN at entry ${v.brokenAtSeq}: ${v.problem} (${v.entries} entries verified before it)\n`,
        );
        io.setExitCode(1);
      }
    });
}
