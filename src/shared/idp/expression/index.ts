export { ExpressionError, type Expression, type ExpressionValue } from './ast';
export { parseExpression } from './parse';
export { evaluateExpression, attributesOf, type Evaluation, type SourceView } from './evaluate';
export { FUNCTIONS, FUNCTION_NAMES, asText, type FunctionDef } from './functions';
