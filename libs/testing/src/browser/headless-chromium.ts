import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's chromium package (`.ci/run` installs it when missing); `CHROMIUM_PATH` overrides it. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A page and everything it reported that a user would not see: console errors (CSP refusals among
 * them) and uncaught errors. HTTP error statuses ("Failed to load resource") are left out: the api
 * answers 4xx on purpose (a 422 question, a 404 favicon) and tests check what the page shows.
 */
export interface WatchedPage {
  readonly page: Page;
  readonly problems: string[];
}

/**
 * Real headless Chromium driven by playwright-core (never a downloaded browser), with a fresh
 * profile directory per instance, removed by `close()`.
 */
export class HeadlessChromium {
  private constructor(
    readonly context: BrowserContext,
    private readonly profileDir: string,
  ) {}

  static async launch(): Promise<HeadlessChromium> {
    const profileDir = await mkdtemp(path.join(os.tmpdir(), 'whdb-chromium-'));
    try {
      const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1100, height: 900 } });
      return new HeadlessChromium(context, profileDir);
    } catch (error) {
      await rm(profileDir, { recursive: true, force: true });
      throw error;
    }
  }

  async newPage(): Promise<WatchedPage> {
    const page = await this.context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    return { page, problems };
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await rm(this.profileDir, { recursive: true, force: true });
  }
}
