/** The IdP simulator's pure parts: client profiles, attribute mappings, the test directory, verdicts. */
export * from './types';
export * from './expression';
export * from './mapping';
export * from './source/model';
export { seedDirectory, generateDirectory, SEED_DOMAIN } from './source/seed';
export { userView, groupView, userAttributeNames } from './source/views';
export * from './profiles';
export * from './verdict';
export * from './report';
