import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { AppError } from '@whdb/core';
import { Response } from 'express';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { setSetupTerminalHeaders } from './security-headers';
import { setupInstructions } from './setup-instructions';
import { FRONT_CHANNEL_SERVICE } from './setup-page-path';
import { SetupTerminalAsset, SetupTerminalAssets } from './setup-terminal-assets';
import { renderSetupPage } from './setup-terminal-page';

/**
 * The web setup terminal (CONTRACT "HTTP: ingress": `GET /v1/setup/{service_name}` and
 * `GET /v1/install/front_signalwire/setup`, served by the api; docs/setup-terminal.md). Public:
 * the page holds no data, it signs in from the browser.
 */
@Controller()
export class SetupTerminalPageController {
  constructor(
    @Inject(ReplicatorCatalog) private readonly catalog: ReplicatorCatalog,
    @Inject(SetupTerminalAssets) private readonly assets: SetupTerminalAssets,
  ) {}

  @Get('v1/setup/:service_name')
  servicePage(@Param('service_name') serviceName: string, @Res() res: Response): void {
    this.sendPage(serviceName, res);
  }

  @Get('v1/install/front_signalwire/setup')
  frontChannelPage(@Res() res: Response): void {
    this.sendPage(FRONT_CHANNEL_SERVICE, res);
  }

  @Get('v1/setup_terminal/setup-terminal.js')
  async script(@Res() res: Response): Promise<void> {
    await this.sendAsset('script', res);
  }

  @Get('v1/setup_terminal/setup-terminal.css')
  async style(@Res() res: Response): Promise<void> {
    await this.sendAsset('style', res);
  }

  private sendPage(serviceName: string, res: Response): void {
    const replicator = this.catalog.find(serviceName);
    const html = renderSetupPage({
      serviceName,
      known: Boolean(replicator),
      dependencyName: replicator?.descriptor.dependencyName,
      instructions: setupInstructions(serviceName, replicator?.descriptor),
      knownServices: this.catalog.names(),
    });
    setSetupTerminalHeaders(res);
    // An unknown service still gets the page (it says so), with the status a browser expects.
    res.status(replicator ? 200 : 404).type('html').send(html);
  }

  private async sendAsset(asset: SetupTerminalAsset, res: Response): Promise<void> {
    const found = await this.assets.read(asset);
    if (!found) throw new AppError('not_found', 'The setup terminal is not built here: run node tools/build.mjs.');
    setSetupTerminalHeaders(res);
    res.status(200).type(found.contentType).send(found.body);
  }
}
