export { applyPatch } from './apply';
export type { ApplyPatchOptions, PatchDeviation, PatchDeviationCode, PatchOperation, PatchOpName, PatchRequest, PatchResult } from './types';
