import { defineDescriptor } from '../replicator/descriptor';
import { chooseDependency, dependencyStep, NO_CANDIDATE_DEPENDENCY } from './dependency-step';

const parent = defineDescriptor({ name: 'fake_parent_v1', resourceNameSingular: 'Fake Parent', resourceNamePlural: 'Fake Parents', supportsWebhooks: true, supportsBackfill: true });
const child = defineDescriptor({ name: 'fake_child_v1', resourceNameSingular: 'Fake Child', resourceNamePlural: 'Fake Children', supportsWebhooks: true, supportsBackfill: true, dependencyName: 'fake_parent_v1' });
const path = '/v1/organizations/7/service_integrations/svi_child';
const candidates = [
  { id: 1, opaqueId: 'svi_a', tableName: 'fake_parent_v1_aaaa' },
  { id: 2, opaqueId: 'svi_b', tableName: 'fake_parent_v1_bbbb' },
];

describe('dependencyStep (docs/behaviour/state-machines.md#dependencies)', () => {
  it('completes with no_candidate_dependency and tells how to create the parent when there is none', () => {
    const step = dependencyStep({ dependent: child, dependency: parent, candidates: [], authedApiPath: path });
    expect(step).toMatchObject({ complete: true, needsInput: false, errorCode: NO_CANDIDATE_DEPENDENCY });
    expect(step.output).toMatch(/^This integration requires Fake Parents to sync\./);
    expect(step.output).toContain('whdb integrations create fake_parent_v1');
    expect(step.output).toContain('whdb integrations create fake_child_v1');
  });

  it('asks for the parent integration number, listing the candidates, posted to transition/dependency_choice', () => {
    const step = dependencyStep({ dependent: child, dependency: parent, candidates, authedApiPath: path });
    expect(step).toMatchObject({
      needsInput: true,
      complete: false,
      errorCode: '',
      prompt: 'Paste or type your Parent integration number here:',
      postToUrl: `${path}/transition/dependency_choice`,
    });
    expect(step.output).toContain('1 - fake_parent_v1_aaaa\n2 - fake_parent_v1_bbbb');
  });
});

describe('chooseDependency', () => {
  it.each([
    ['', 'svi_a'],
    ['  ', 'svi_a'],
    ['1', 'svi_a'],
    [' 2 ', 'svi_b'],
  ])('picks the candidate numbered %j', (value, opaqueId) => {
    expect(chooseDependency(candidates, value, parent).opaqueId).toBe(opaqueId);
  });

  it.each([['0'], ['3'], ['-1'], ['1.5'], ['two'], ['2abc'], ['99999999999']])('refuses %j with a 400 invalid_input', (value) => {
    expect(() => chooseDependency(candidates, value, parent)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/from 1 to 2/) }));
  });

  it('refuses any value with a 409 conflict when there is no candidate', () => {
    expect(() => chooseDependency([], '1', parent)).toThrow(expect.objectContaining({ code: 'conflict', message: expect.stringContaining('whdb integrations create fake_parent_v1') }));
  });
});
