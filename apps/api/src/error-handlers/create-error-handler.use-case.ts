import { EMPTY_STEP } from '@whdb/core';
import { Database, ErrorHandlerRepository } from '@whdb/persistence';
import { PromptRequiredError } from '../http/prompt-required.error';
import { OrganizationRef } from '../organizations/organization-access';
import { parseErrorHandlerUrl } from './error-handler-url';
import { ErrorHandlerResponse, toErrorHandlerResponse } from './error-handler-response';

/**
 * `POST /v1/organizations/{org}/error_handlers/create {url}`, admin role
 * (docs/behaviour/integrations-api.md#error-handlers): the organization's alerts (SPEC 7.3) are
 * POSTed to this URL from now on. A missing url is a 422 prompt, a bad one a 400, one the
 * organization already has a 409.
 */
export class CreateErrorHandlerUseCase {
  constructor(private readonly dataSource: Database) {}

  async execute(organization: OrganizationRef, url: unknown, requestPath: string): Promise<ErrorHandlerResponse & { message: string }> {
    if (url === undefined || url === null || url === '') {
      const step = { ...EMPTY_STEP, needsInput: true, prompt: 'Enter the URL alerts should be POSTed to:', postToUrl: requestPath, postParamsValueKey: 'url' };
      throw new PromptRequiredError('url', step, 'Please provide url, where alerts are POSTed.');
    }
    const created = await new ErrorHandlerRepository(this.dataSource).create(organization.id, parseErrorHandlerUrl(url));
    return { ...toErrorHandlerResponse(created), message: `Alerts of ${organization.name} will be POSTed to this error handler (${created.opaqueId}).` };
  }
}
