export * from './errors';
export * from './capabilities';
export * from './command';
export * from './contract';
export * from './events';
export * from './wire';
export * from './commands/app';
export * from './commands/settings';
