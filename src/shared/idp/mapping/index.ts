export { MappingRow, MappingSet, MAPPING_VERSION, type MappingObject, type MappingProblem } from './model';
export { defaultMappings, idpOf } from './defaults';
export { mappingProblems } from './problems';
export { resolveTarget, readTarget, writeTarget, type TargetPath } from './paths';
export { compileRows, computeTargets, buildResource, diffTargets, typedValue, isManagerTarget, resourceTypeFor, type CompiledRow, type Computed, type TargetValue, type Change } from './compute';
