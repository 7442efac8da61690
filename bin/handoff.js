#!/usr/bin/env node
// The `handoff` bin runs the TypeScript CLI through tsx, so `npx handoff` works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
