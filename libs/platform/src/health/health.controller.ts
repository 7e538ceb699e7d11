import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CheckResult, ReadinessRegistry } from './readiness-registry.service';

export interface LivenessBody {
  readonly status: 'ok';
}

export interface ReadinessBody {
  readonly status: 'ready' | 'not_ready';
  readonly checks: Readonly<Record<string, CheckResult>>;
}

/** GET /healthz (liveness: the process answers) and GET /readyz (every readiness check passes). */
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('healthz')
  liveness(@Res({ passthrough: true }) res: Response): LivenessBody {
    res.setHeader('cache-control', 'no-store');
    return { status: 'ok' };
  }

  @Get('readyz')
  async readinessProbe(@Res({ passthrough: true }) res: Response): Promise<ReadinessBody> {
    const report = await this.readiness.check();
    res.status(report.ready ? 200 : 503);
    res.setHeader('cache-control', 'no-store');
    return { status: report.ready ? 'ready' : 'not_ready', checks: report.checks };
  }
}
