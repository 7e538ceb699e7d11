#!/usr/bin/env node
// `npm run up`: see tools/up/main.mjs. Installs dependencies first on a fresh clone.
import { ensureDependencies } from './ensure-dependencies.mjs';

ensureDependencies();
await import('./up/main.mjs');
