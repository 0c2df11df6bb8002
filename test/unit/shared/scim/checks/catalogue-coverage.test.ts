import { describe, expect, it } from 'vitest';
import { CHECKS } from '@shared/scim/checks';
import { CATALOGUE } from '@shared/scim/checks/catalogue-data';

describe('the check catalogue', () => {
  it('has one implemented check for every entry of reference/conformance-checks.md (321), and none besides', () => {
    expect(CATALOGUE).toHaveLength(321);
    const implemented = CHECKS.map((c) => c.id);
    expect(new Set(implemented).size).toBe(implemented.length);
    expect(CATALOGUE.map((e) => e.id).filter((id) => !implemented.includes(id))).toEqual([]);
    expect(implemented.filter((id) => !CATALOGUE.some((e) => e.id === id))).toEqual([]);
  });
});
