export * from './attribute-paths';
export * from './exchanges';
export * from './filter-values';
export * from './headers';
export * from './options';
export * from './pseudonyms';
export * from './redactor';
export * from './secret-scrubber';
