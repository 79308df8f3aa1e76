#!/usr/bin/env node
// The package's `qbank` command: runs the TypeScript CLI through tsx, from any working directory.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
