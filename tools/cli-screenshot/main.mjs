#!/usr/bin/env node
// `node tools/cli-screenshot/main.mjs`: redraws docs/images/cli-session.png, the whdb session shown
// in the README and docs/cli.md. Starts the stack (dist/, against KAFKA_BROKERS and DATABASE_URL,
// else the test infra), runs a real `whdb` session in tmux as a person would type it (hidden token,
// hidden secret), captures the screen with its colours and prints it with headless Chromium.
// Needs tmux and Debian's chromium (`apt-get install -y tmux chromium`).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { build } from '../build.mjs';
import { ensureInfra } from '../infra/ensure.mjs';
import { ansiToHtml, terminalPage } from './ansi-to-html.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const output = path.join(root, 'docs/images/cli-session.png');
const session = `whdb-shot-${process.pid}`;
const cols = 120;
const rows = 60;

const tmux = (...args) => execFileSync('tmux', args, { encoding: 'utf8' });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const screenText = () => tmux('capture-pane', '-p', '-J', '-t', session, '-S', '-');

/** Waits until the shell shows its prompt again (the last line is `$`), so typing starts after it. */
async function waitForPrompt(timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (screenText().trimEnd().split('\n').pop() === '$') return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for the shell prompt:\n${screenText()}`);
}

async function waitForScreen(text, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (screenText().includes(text)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for "${text}" on the screen:\n${screenText()}`);
}

async function typeSlowly(text) {
  for (const char of text) {
    tmux('send-keys', '-t', session, '-l', char);
    await sleep(15);
  }
}

const infra = process.env.KAFKA_BROKERS && process.env.DATABASE_URL ? { kafkaBrokers: process.env.KAFKA_BROKERS, databaseUrl: process.env.DATABASE_URL } : await ensureInfra({ profile: 'test' });
await build({ quiet: true });
const { WhdbStack } = createRequire(import.meta.url)(path.join(root, 'dist/libs/testing/src/index.js'));
const stack = await new WhdbStack({ kafkaBrokers: infra.kafkaBrokers, databaseUrl: infra.databaseUrl }).start();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'whdb-shot-'));
try {
  const orgKey = `acme_${Math.random().toString(16).slice(2, 6)}`;
  const { token } = await stack.adminClient().createOrganization('Acme', orgKey);
  symlinkSync(path.join(root, 'dist/apps/cli/src/main.js'), path.join(scratch, 'whdb'));
  const env = [`PATH=${scratch}:${process.env.PATH}`, `XDG_CONFIG_HOME=${scratch}/config`, 'PS1=\\[\\e[32m\\]$\\[\\e[0m\\] ', 'TERM=xterm-256color'];
  tmux('new-session', '-d', '-s', session, '-x', String(cols), '-y', String(rows), 'env', '-i', ...env, 'bash', '--norc', '--noprofile');
  await sleep(300);
  const run = async (command) => {
    await waitForPrompt();
    await typeSlowly(command);
    tmux('send-keys', '-t', session, 'Enter');
  };
  await run(`whdb login --api-url ${stack.apiUrl} --org ${orgKey}`);
  await waitForScreen('Token:');
  await typeSlowly(token);
  tmux('send-keys', '-t', session, 'Enter');
  await waitForScreen('Logged in to');
  await run('whdb integrations create increase_account_v1');
  await waitForScreen('Paste or type your secret here:');
  await typeSlowly('whsec_0123456789abcdef');
  tmux('send-keys', '-t', session, 'Enter');
  await waitForScreen('is set up; its table is');
  await run('whdb integrations list');
  await waitForScreen('-----');
  const table = /is set up; its table is (increase_account_v1_\w+)\./.exec(screenText())[1];
  await run(`whdb integrations delete ${table}`);
  await waitForScreen('Please confirm by entering the table name');
  await typeSlowly('increase_account_v1');
  tmux('send-keys', '-t', session, 'Enter');
  await waitForScreen('error: Please confirm the deletion');
  await sleep(200);
  await typeSlowly(table);
  tmux('send-keys', '-t', session, 'Enter');
  await waitForScreen('have been dropped');
  await waitForPrompt();
  const screen = tmux('capture-pane', '-e', '-p', '-J', '-t', session, '-S', '-').replace(/\s+$/, '\n');
  const lines = screen.split('\n').length;
  const html = path.join(scratch, 'session.html');
  writeFileSync(html, terminalPage('whdb — bash', ansiToHtml(screen)));
  const height = Math.ceil(lines * 14 * 1.35 + 140);
  const chromium = spawnSync(
    'chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--hide-scrollbars', `--window-size=1000,${height}`, `--screenshot=${output}`, `file://${html}`],
    { encoding: 'utf8' },
  );
  if (chromium.status !== 0) throw new Error(`chromium failed: ${chromium.stderr}`);
  console.log(`[cli-screenshot] wrote ${path.relative(root, output)} (${lines} lines)`);
} finally {
  spawnSync('tmux', ['kill-session', '-t', session]);
  await stack.stop();
  rmSync(scratch, { recursive: true, force: true });
}
