#!/usr/bin/env node
// The `tessera` executable: everything happens in main(), which tests call directly. `train`
// on more than one thread first reruns itself under the V8 flags of data-parallel training
// (@tessera/models' DATA_PARALLEL_NODE_FLAGS: about 1.6 times the images per second on 2 cores).
import { rerunWithNodeFlags } from '@tessera/models';
import { kernelThreads } from './commands/run.js';
import { main } from './main.js';

const args = process.argv.slice(2);
const rerun =
  args[0] === 'train' && kernelThreads(process.env) > 1
    ? rerunWithNodeFlags(import.meta.url, args)
    : null;
process.exitCode = rerun ?? (await main(args));
