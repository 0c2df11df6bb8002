import { describe, expect, it } from 'vitest';
import { seedDirectory, stepCheckId, updateCycleEdits, type StepRecord } from '@shared/idp';

const step = (kind: string, checks: string[] | undefined): StepRecord => ({
  phase: 'export',
  kind,
  title: kind,
  status: 'pass',
  attempt: 0,
  ...(checks ? { request: { method: 'GET', url: 'http://x/Users', headers: [], source: { provenance: 'documented', cite: 'x' }, checks } } : {}),
});

describe('a simulated run as checks', () => {
  it('a step is its first catalogue id, else SIM-<profile>-<kind>-<object> (stable, readable)', () => {
    expect(stepCheckId('entra', step('add-members', ['En16', 'En19', 'En21']), 'All Staff')).toBe('En16');
    expect(stepCheckId('entra-flag', step('get-user', []), 'Zoë O\'Brien@Contoso.example')).toBe('SIM-entra-flag-get-user-zoe-o-brien@contoso.example');
    expect(stepCheckId('okta', step('match', undefined), 'Test connection')).toBe('SIM-okta-match-test-connection');
    expect(stepCheckId('okta', step('get-user', ['NotInTheCatalogue']), 'a')).toBe('SIM-okta-get-user-a');
  });

  it('the update cycle\'s edits: several attributes, one attribute, a soft delete, a member removed, a group renamed; the input is untouched', () => {
    const before = seedDirectory();
    const { directory, edits } = updateCycleEdits(before);
    expect(edits).toEqual([
      'adele.vance@contoso.example: displayName and jobTitle changed',
      'alex.wilber@contoso.example: jobTitle changed',
      'diego.siciliani@contoso.example: soft-deleted',
      'group "Product Engineering": kenji.nakamura@contoso.example removed',
      'group "Sales EMEA & Americas": renamed',
    ]);
    expect(directory.users[0]!.attributes).toMatchObject({ displayName: 'Adele Vance (Contractor)', jobTitle: 'Senior Chief Executive Officer' });
    expect(directory.users[2]!.softDeleted).toBe(true);
    expect(directory.groups[1]!.displayName).toBe('Sales EMEA & Americas (renamed)');
    expect(before).toEqual(seedDirectory());
    expect(updateCycleEdits({ version: 1, users: [], groups: [] }).edits).toEqual([]);
  });
});
