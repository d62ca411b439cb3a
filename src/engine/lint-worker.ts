/**
 * A worker thread of the pool (src/engine/pool.ts): lints one group (an English file and its translations) per task.
 *
 * It rebuilds what the main thread has (the built-in rules, the configuration's plugins, the processor) once, at
 * start-up, from the configuration it is given. Files arrive as bytes and history facts: a worker never reads
 * the disk for linted files and never starts git.
 */
import path from 'node:path';
import { workerData } from 'piscina';
import { rules as builtInRules } from '../../rules/index.js';
import { loadPlugins } from '../config/plugins.js';
import { lintEnvironment, lintGroup, type GroupTask, type LintedPair } from './linter.js';
import type { WorkerInit } from './pool.js';

const { config, now } = workerData as WorkerInit;
const pluginRules =
  config.plugins.length > 0 && config.configPath ? await loadPlugins(config.plugins, path.dirname(config.configPath), config.configPath, builtInRules) : [];
const environment = lintEnvironment(config, [...builtInRules, ...pluginRules], now);

export default function lint(task: GroupTask): Promise<LintedPair[]> {
  return lintGroup(task, environment);
}
