/** The IdP simulator's pure parts: client profiles, attribute mappings, the test directory, verdicts. */
export * from './types';
export * from './expression';
export * from './mapping';
export * from './source/model';
export { seedDirectory, generateDirectory, SEED_DOMAIN } from './source/seed';
export { userView, groupView, userAttributeNames } from './source/views';
export { updateCycleEdits } from './source/edits';
export * from './profiles';
export * from './verdict';
export * from './report';
export { simulationRun, simulationChecks, stepCheckId, type SimulatedCycle, type SimulationRunInput } from './simulation-run';
