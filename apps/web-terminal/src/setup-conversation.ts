import { answerBody, declinesGuard, firstLine, isWireStep, promptStepOfError, stepField, WireStep } from '@whdb/core/browser';
import { ApiProblem } from './api-problem';
import { integrationsPath } from './api-path';
import { SetupApi } from './api-session';
import { TerminalIo } from './terminal-io';

/** Where a setup conversation ended. */
export type SetupOutcome =
  | { readonly kind: 'completed'; readonly step: WireStep }
  | { readonly kind: 'failed'; readonly step: WireStep }
  | { readonly kind: 'cancelled' };

/**
 * Runs one setup conversation (docs/setup-terminal.md#the-conversation; the same rules as the CLI,
 * docs/cli.md#setup): shows each step's `output`, asks its `prompt` (hidden when secret), posts the
 * answer to `post_to_url` with `post_params`, and goes on with the step the api answers. A refused
 * answer (400, or a 422 prompt) is shown and asked again.
 */
export async function converse(api: SetupApi, io: TerminalIo, first: unknown, notice?: string): Promise<SetupOutcome> {
  let body = first;
  let refusal: string | undefined = notice;
  let refusalKind: 'notice' | 'error' = 'notice';
  while (isWireStep(body)) {
    const step: WireStep = body;
    if (refusal) io.say(refusalKind === 'error' ? `error: ${refusal}` : refusal, refusalKind);
    if (step.output) io.say(step.output, step.complete ? (step.error_code ? 'error' : 'success') : 'output');
    if (step.complete) return step.error_code ? { kind: 'failed', step } : { kind: 'completed', step };
    if (!step.needs_input) throw new ApiProblem(0, 'invalid_step', 'The api sent a step that neither asks anything nor is complete.', {});
    const answer = await io.ask({ field: stepField(step), prompt: step.prompt || `Enter ${stepField(step)}:`, secret: step.prompt_is_secret });
    io.say(`> ${step.prompt_is_secret ? '(hidden)' : answer}`, 'answer');
    if (declinesGuard(step, answer)) {
      io.say('Cancelled: nothing was created.', 'notice');
      return { kind: 'cancelled' };
    }
    try {
      body = await api.post(step.post_to_url, answerBody(step, answer));
      refusal = undefined;
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const prompt = promptStepOfError(error.status, error.error);
      if (prompt) body = { ...prompt, output: '' };
      else if (error.status === 400) body = { ...step, output: '' };
      else throw error;
      refusal = error.message;
      refusalKind = 'error';
    }
  }
  throw new ApiProblem(0, 'invalid_step', 'The api answered something that is not a setup step.', {});
}

/** Starts a conversation with a request whose 422 prompt is the first question (e.g. "create another one?"). */
export async function startConversation(api: SetupApi, io: TerminalIo, path: string, body: unknown): Promise<SetupOutcome> {
  try {
    return await converse(api, io, await api.post(path, body));
  } catch (error) {
    const prompt = error instanceof ApiProblem ? promptStepOfError(error.status, error.error) : undefined;
    if (!prompt) throw error;
    return converse(api, io, prompt, (error as ApiProblem).message);
  }
}

export interface SetupTarget {
  readonly org: string;
  readonly serviceName: string;
  /** The service `serviceName` depends on (its descriptor), set up first when there is none yet. */
  readonly dependencyName?: string;
}

/**
 * Creates an integration of the service and runs its setup. When the service needs a parent
 * integration that the organization does not have (`no_candidate_dependency`, SPEC 15.2: the Front
 * channel needs SignalWire), offers to set the parent up first, then starts again.
 */
export async function setUpService(api: SetupApi, io: TerminalIo, target: SetupTarget): Promise<SetupOutcome> {
  const create = (serviceName: string) => startConversation(api, io, `${integrationsPath(target.org)}/create`, { service_name: serviceName });
  const outcome = await create(target.serviceName);
  if (outcome.kind !== 'failed' || outcome.step.error_code !== 'no_candidate_dependency' || !target.dependencyName) return outcome;
  const answer = await io.ask({ field: 'set_up_dependency', prompt: `Set up ${target.dependencyName} now? (y/n)`, secret: false });
  io.say(`> ${answer}`, 'answer');
  if (!/^(y|yes)$/i.test(answer.trim())) {
    io.say(`Nothing was created. Set ${target.dependencyName} up first, then open this page again.`, 'notice');
    return { kind: 'cancelled' };
  }
  const parent = await create(target.dependencyName);
  if (parent.kind !== 'completed') return parent;
  io.say(`${target.dependencyName} is set up. Now ${target.serviceName}:`, 'notice');
  return create(target.serviceName);
}

/** The reason to show for a failed step. */
export function failureReason(step: WireStep): string {
  return firstLine(step.output) ?? step.error_code;
}
