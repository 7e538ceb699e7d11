#!/usr/bin/env node
// `npm test`: see tools/test-all-main.mjs. Installs dependencies first on a fresh clone.
import { ensureDependencies } from './ensure-dependencies.mjs';

ensureDependencies();
await import('./test-all-main.mjs');
