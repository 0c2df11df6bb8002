export { ExpressionError, type Expression, type ExpressionValue } from './ast';
export { parseExpression } from './parse';
export { evaluateExpression, evaluateInto, attributesOf, type Evaluation, type EvaluationSink, type SourceView } from './evaluate';
export { FUNCTIONS, FUNCTION_NAMES, asText, type FunctionDef } from './functions';
