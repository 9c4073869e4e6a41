import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliIo } from './detect-command.ts';
import { UsageError } from './input-error.ts';

export interface NewUserRequest {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: string;
  readonly departmentId: string | null;
  readonly jurisdictionPlaceId: string;
}

export interface UserCommandDeps {
  addUser(input: NewUserRequest): Promise<{
    readonly id: string;
    readonly username: string;
    readonly role: string;
    readonly jurisdictionPath: string;
  }>;
  randomPassword(): string;
}

interface UserAddFlags {
  readonly username: string;
  readonly name?: string;
  readonly role: string;
  readonly department?: string;
  readonly jurisdiction: string;
  readonly passwordStdin?: boolean;
  readonly passwordEnv?: string;
}

/** `tocsin user add …`: creates a user (as the system, recorded in the audit log). */
export function registerUserCommand(program: Command, io: CliIo, deps: () => Promise<UserCommandDeps>): void {
  const user = program.command('user').description('people who use Tocsin');
  user
    .command('add')
    .description('add a user')
    .requiredOption('--username <name>', 'login name (lowercase)')
    .option('--name <display>', 'display name (default: the username)')
    .requiredOption('--role <role>', 'admin, coordinator, analyst, assessor, responder or viewer')
    .option('--department <id>', 'department id (e.g. health)')
    .option('--jurisdiction <placeId>', 'place id at the root of what the user may see', 'world')
    .option('--password-stdin', 'read the password from standard input')
    .option('--password-env <VAR>', 'read the password from this environment variable')
    .action(async (flags: UserAddFlags) => {
      const d = await deps();
      let password: string;
      let generated = false;
      if (flags.passwordStdin) password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
      else if (flags.passwordEnv !== undefined) {
        const v = process.env[flags.passwordEnv];
        if (v === undefined || v === '')
          throw new UsageError(`environment variable ${flags.passwordEnv} is not set`);
        password = v;
      } else {
        password = d.randomPassword();
        generated = true;
      }
      const u = await d.addUser({
        username: flags.username,
        displayName: flags.name ?? flags.username,
        password,
        role: flags.role,
        departmentId: flags.department ?? null,
        jurisdictionPlaceId: flags.jurisdiction,
      });
      io.stdout(`added ${u.role} ${u.username} (id ${u.id}, jurisdiction ${u.jurisdictionPath})\n`);
      if (generated) io.stdout(`password (shown once): ${password}\n`);
    });
}
