import { AppError } from '../errors/app-error';
import { ReplicatorDescriptor } from '../replicator/descriptor';
import { StateMachineStep, Steps } from './state-machine-step';

/** The `error_code` of the step shown when no integration can be the parent (the create is rolled back). */
export const NO_CANDIDATE_DEPENDENCY = 'no_candidate_dependency';

/** An integration of the organization that could be the parent (the dependency's service). */
export interface DependencyCandidate {
  readonly id: number;
  readonly opaqueId: string;
  readonly tableName: string;
}

export interface DependencyStepInput {
  /** The replicator being set up (it has a `dependencyName`). */
  readonly dependent: ReplicatorDescriptor;
  /** The replicator it depends on. */
  readonly dependency: ReplicatorDescriptor;
  /** The organization's integrations of the dependency's service, oldest first. */
  readonly candidates: readonly DependencyCandidate[];
  /** `/v1/organizations/<org id>/service_integrations/<opaque id>` */
  readonly authedApiPath: string;
}

/**
 * The dependency step (docs/behaviour/state-machines.md#dependencies): with no candidate, a
 * completed step with `error_code = no_candidate_dependency` telling the user to create the parent
 * first; otherwise a prompt "Parent integration number" listing the candidates as `N - <table>`,
 * answered at `.../transition/dependency_choice`. Callers skip it once `depends_on` is set.
 */
export function dependencyStep(input: DependencyStepInput): StateMachineStep {
  const { dependent, dependency, candidates } = input;
  if (candidates.length === 0) {
    const output = `This integration requires ${dependency.resourceNamePlural} to sync.

You don't have any ${dependency.resourceNameSingular} integrations yet. You can run:

  whdb integrations create ${dependency.name}

to set one up. Then once that's complete, you can re-run:

  whdb integrations create ${dependent.name}

to keep going.`;
    return Steps.completed(output, NO_CANDIDATE_DEPENDENCY);
  }
  const choices = candidates.map((candidate, index) => `${index + 1} - ${candidate.tableName}`).join('\n');
  const output = `This integration requires ${dependency.resourceNamePlural} to sync.

Enter the number for the ${dependency.resourceNameSingular} integration you want to use,
or leave blank to choose the first option.

${choices}`;
  return Steps.prompting('Parent integration number', input.authedApiPath, 'dependency_choice', output);
}

/**
 * The candidate a `dependency_choice` value names (docs/behaviour/state-machines.md#dependencies):
 * a 1-based number, blank meaning 1. No candidate at all is a 409 `conflict`; a value that is not
 * a whole number, or out of range, a 400 `invalid_input`.
 */
export function chooseDependency<C extends DependencyCandidate>(candidates: readonly C[], value: string, dependency: ReplicatorDescriptor): C {
  if (candidates.length === 0) {
    throw new AppError('conflict', `There are no ${dependency.resourceNameSingular} integrations to depend on: create one with "whdb integrations create ${dependency.name}" first.`);
  }
  const trimmed = value.trim();
  const number = trimmed === '' ? 1 : /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : NaN;
  const chosen = Number.isInteger(number) && number >= 1 ? candidates[number - 1] : undefined;
  if (!chosen) {
    throw new AppError('invalid_input', `"${trimmed.slice(0, 40)}" is not a valid dependency: enter a number from 1 to ${candidates.length}.`);
  }
  return chosen;
}
