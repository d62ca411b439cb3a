#!/usr/bin/env node
/** The `loc-lint` executable: run the CLI with this process's arguments and streams. */
import module from 'node:module';

// Node 22+ caches compiled modules between runs, which shortens every pre-commit run; Node 20 has no cache.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// Imported after the cache is on, so that the CLI's modules are the ones cached.
const { main } = await import('./cli.js');

process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
