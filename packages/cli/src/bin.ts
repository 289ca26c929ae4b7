#!/usr/bin/env node
// The `tessera` executable: everything happens in main(), which tests call directly.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
