#!/usr/bin/env node
/** The `loc-lint` executable: run the CLI with this process's arguments and streams. */
import { main } from './cli.js';

main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
