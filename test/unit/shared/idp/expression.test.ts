import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluateExpression, parseExpression } from '@shared/idp/expression';

function failure(text: string): ExpressionError {
  try {
    parseExpression(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error(`"${text}" parsed`);
}

const source = { givenName: 'Zoë', surname: "O'Brien", IsSoftDeleted: false, mail: 'Zoe.OBrien@Contoso.example', empty: '', nothing: null };

describe('mapping expressions (Entra ID syntax)', () => {
  it("evaluates the default tables' expressions", () => {
    const active = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")';
    expect(evaluateExpression(active, source).value).toBe('True');
    expect(evaluateExpression(active, { ...source, IsSoftDeleted: true }).value).toBe('False');
    expect(evaluateExpression('Join(" ", [givenName], [surname])', source).value).toBe("Zoë O'Brien");
    expect(evaluateExpression('Join(" ", [givenName], [empty], [nothing])', source).value).toBe('Zoë');
    expect(evaluateExpression('ToLower([mail], )', source).value).toBe('zoe.obrien@contoso.example');
    expect(evaluateExpression('ToUpper([givenName])', source).value).toBe('ZOË');
    expect(evaluateExpression('Append([givenName], "@contoso.example")', source).value).toBe('Zoë@contoso.example');
    expect(evaluateExpression('Append([empty], "@x")', source).value).toBeNull();
    expect(evaluateExpression('Not([IsSoftDeleted])', source).value).toBe(true);
    expect(evaluateExpression('Coalesce([empty], [nothing], "fallback")', source).value).toBe('fallback');
    expect(evaluateExpression('"Employee"', source).value).toBe('Employee');
    expect(evaluateExpression('"say \\"hi\\""', source).value).toBe('say "hi"');
  });

  it('reads direct mappings, Okta names and unknown attributes', () => {
    expect(evaluateExpression('givenName', source).value).toBe('Zoë');
    expect(evaluateExpression('user.givenName', source).value).toBe('Zoë');
    expect(evaluateExpression('[GIVENNAME]', source).value).toBe('Zoë');
    const missing = evaluateExpression('Join(",", [nope], [givenName])', source);
    expect(missing).toEqual({ value: 'Zoë', missing: ['nope'], notes: [] });
    const role = evaluateExpression('SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: 'Admin' });
    expect(role.value).toBe('Admin');
    expect(role.notes[0]).toContain('no app role assignments');
  });

  it('names the problem and where it is', () => {
    expect(failure('')).toMatchObject({ position: 0, message: expect.stringContaining('empty expression') });
    expect(failure('Swich([a], , "x", "y")')).toMatchObject({ position: 0, length: 5, message: expect.stringContaining('unknown function "Swich": the simulator knows Switch, Join') });
    expect(failure('Join(" ", [givenName]')).toMatchObject({ message: expect.stringContaining('Join( is not closed') });
    expect(failure('"unterminated')).toMatchObject({ position: 0, message: expect.stringContaining('closing double quote') });
    expect(failure('[givenName')).toMatchObject({ position: 0, message: expect.stringContaining('"]" is missing') });
    expect(failure('Switch([IsSoftDeleted], , "False", "True", "True")')).toMatchObject({ message: expect.stringContaining('key/value pairs') });
    expect(failure('Append([a], "b", "c")')).toMatchObject({ position: 17, message: expect.stringContaining('Append takes at most 2 arguments, got 3') });
    expect(failure('Join(, [a])')).toMatchObject({ position: 5, message: expect.stringContaining('argument 1 of Join is empty') });
    expect(failure('ToLower(mail)')).toMatchObject({ position: 8, length: 4, message: expect.stringContaining('[mail]') });
    expect(failure('[a] [b]')).toMatchObject({ position: 4, message: expect.stringContaining('after the expression') });
    expect(failure('Join(" " [a])')).toMatchObject({ position: 9, message: expect.stringContaining('expected "," or ")"') });
    expect(failure('('.repeat(3))).toBeInstanceOf(ExpressionError);
    expect(failure(`${'Not('.repeat(100)}[a]${')'.repeat(100)}`).message).toContain('nest more than');
  });
});
