import { Body, Controller, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { Request, Response } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { OrganizationAccess } from '../organizations/organization-access';
import { CreateSetupLinkUseCase, SetupLinkResponse } from './create-setup-link.use-case';
import { ExchangeSetupGrantUseCase, SetupSessionResponse } from './exchange-setup-grant.use-case';
import { setSetupTerminalHeaders } from './security-headers';
import { CreateSetupLinkDto, ExchangeSetupGrantDto } from './setup-link.dto';

/** Setup links and the sessions they open (docs/setup-terminal.md#setup-links). */
@Controller()
export class SetupLinksController {
  constructor(
    @Inject(OrganizationAccess) private readonly access: OrganizationAccess,
    @Inject(CreateSetupLinkUseCase) private readonly createLink: CreateSetupLinkUseCase,
    @Inject(ExchangeSetupGrantUseCase) private readonly exchangeGrant: ExchangeSetupGrantUseCase,
  ) {}

  /** An organization admin mints a one-time link (`whdb setup-link <service>`). */
  @Post('v1/organizations/:org/setup_links')
  @HttpCode(200)
  @UseGuards(BearerAuthGuard)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('org') org: string,
    @Body() body: CreateSetupLinkDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SetupLinkResponse> {
    const organization = await this.access.resolve(principal, org, { adminOnly: true });
    res.setHeader('cache-control', 'no-store');
    return this.createLink.execute(organization, { serviceName: body.service_name, expiresIn: body.expires_in }, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  }

  /** The page exchanges the link's grant for a setup session; the grant itself is the credential. */
  @Post('v1/setup_sessions')
  @HttpCode(200)
  async exchange(@Body() body: ExchangeSetupGrantDto, @Res({ passthrough: true }) res: Response): Promise<SetupSessionResponse> {
    setSetupTerminalHeaders(res);
    return this.exchangeGrant.execute(body.grant);
  }
}
