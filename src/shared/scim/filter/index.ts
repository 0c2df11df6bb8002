export * from './ast';
export { chainOperands } from './chain';
export { parseFilter, parseFilterWithDeviations, type ParseFilterOptions } from './parser';
export { formatFilter } from './printer';
export { compileFilter, matchesFilter, type CompiledFilter, type CompileFilterOptions } from './evaluate';
