#!/usr/bin/env node
// The `whdb` binary (package.json "bin"; docs/cli.md#install).
import { readCliEnvironment } from './config/cli-environment';
import { ExitCode } from './errors/exit-codes';
import { runCli } from './run-cli';

runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: readCliEnvironment(process.env) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`whdb: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = ExitCode.failed;
  },
);
