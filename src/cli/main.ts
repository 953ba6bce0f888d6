#!/usr/bin/env node
/**
 * The `tessera` executable. Exit codes: 0 success; 1 a run failed its checks (or its
 * outputs differed) or crashed; 2 bad usage or invalid configuration.
 */
import { CommanderError } from 'commander';
import { ConfigError } from 'tessera';
import { formatIssue } from '../config/errors.js';
import { buildProgram, type ExitBox } from './program.js';
import { EXIT_FAILURE, EXIT_USAGE, UsageError } from './usage-error.js';

async function main(argv: string[]): Promise<number> {
  const box: ExitBox = { code: 0 };
  const program = buildProgram(box);
  try {
    await program.parseAsync(argv);
    return box.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; a command without its subcommand prints help and is bad usage.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${e.command}: error: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof ConfigError) {
      const lines = e.issues.map((i) => `tessera: config error: ${formatIssue(i)}`);
      process.stderr.write(`${lines.join('\n')}\n`);
      return EXIT_USAGE;
    }
    const err = e as Error;
    process.stderr.write(`tessera: ${err.name ?? 'Error'}: ${err.message}\n`);
    if (process.env.TESSERA_DEBUG !== undefined && err.stack !== undefined) process.stderr.write(`${err.stack}\n`);
    return EXIT_FAILURE;
  }
}

process.exitCode = await main(process.argv);
