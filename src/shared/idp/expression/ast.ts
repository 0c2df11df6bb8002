/**
 * Attribute-mapping expressions in the syntax of Microsoft Entra ID's provisioning expressions
 * ("Reference for writing expressions for attribute mappings in Microsoft Entra ID",
 * learn.microsoft.com/entra/identity/app-provisioning/functions-for-customizing-application-data):
 * a constant `"text"`, a source attribute `[givenName]`, and function calls such as
 * `Switch([IsSoftDeleted], , "False", "True", "True", "False")`. Okta's mappings name a source
 * attribute as `user.firstName`; that spelling is read as `[firstName]`. A whole expression that is a
 * bare name (`givenName`) is a direct mapping of that attribute, as the mapping editors show it.
 */
export type Expression = StringLiteral | AttributeRef | FunctionCall;

interface Span {
  /** offset of the first character in the expression text */
  start: number;
  /** offset just after the last character */
  end: number;
}

export interface StringLiteral extends Span {
  kind: 'string';
  value: string;
}

export interface AttributeRef extends Span {
  kind: 'attribute';
  name: string;
}

export interface FunctionCall extends Span {
  kind: 'call';
  /** the function's canonical name (`Switch`), whatever case it was written in */
  name: string;
  /** `null` for an argument left empty, as in `Switch([IsSoftDeleted], , …)` */
  args: (Expression | null)[];
}

/** What an expression evaluates to: Entra's values are strings, booleans or nothing (multi-valued sources join). */
export type ExpressionValue = string | boolean | null;

/** An expression that does not parse or is called wrongly; `position`/`length` locate it in the text. */
export class ExpressionError extends Error {
  readonly position: number;
  readonly length: number;
  readonly text: string;

  constructor(message: string, text: string, position: number, length = 1) {
    super(message);
    this.name = 'ExpressionError';
    this.text = text;
    this.position = Math.max(0, Math.min(position, text.length));
    this.length = Math.max(0, Math.min(length, text.length - this.position));
  }
}
