import { coreSchemas, URN, type ScimSchema } from '../../src/shared/scim';
import { startFixtureServer, type FixtureServer } from '../component/support/fixture-server';
import { startScimmyServer, type ScimmyServer } from '../peers/scimmy-server';
import { callApi } from './support/api';
import { expect, test } from './support/fixtures';

let scimmy: ScimmyServer;

test.beforeAll(async () => {
  scimmy = await startScimmyServer({ users: 1 });
});

test.afterAll(async () => {
  await scimmy.close();
});

test('discovery reads again once the credential is fixed, and never says the server lists nothing while it could not read it', async ({ page, app }, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(app.url);
  await callApi(page, 'endpoints.create', { endpoint: { name: 'SCIMMY no token yet', baseUrl: scimmy.baseUrl, auth: { kind: 'bearer' } } });
  const sidebar = page.getByRole('region', { name: 'Endpoints' });
  await sidebar.getByRole('radio', { name: 'SCIMMY no token yet' }).check();
  await page.getByRole('tab', { name: 'Discovery', exact: true }).click();
  const main = page.getByRole('main', { name: 'Discovery' });
  await expect(main.getByRole('alert', { name: '/ServiceProviderConfig could not be read' })).toContainText('no bearer token set');
  await main.getByRole('tab', { name: /Resource types/ }).click();
  await expect(main.getByRole('alert', { name: '/ResourceTypes could not be read' })).toBeVisible();
  const note = main.getByRole('note', { name: 'About these resource types' });
  await expect(note).toHaveText('Until /ResourceTypes can be read, the resource types RFC 7643 defines are assumed.');
  await expect(main).not.toContainText('lists no resource types');
  await page.screenshot({ path: testInfo.outputPath('discovery-before-token.png') });

  // the user fixes the credential in the endpoint editor and tests the connection
  await sidebar.getByRole('button', { name: 'Edit SCIMMY no token yet' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit endpoint SCIMMY no token yet' });
  await dialog.getByLabel('Bearer token').fill(scimmy.token);
  await dialog.getByRole('button', { name: 'Save and test connection' }).click();
  await expect(dialog.getByRole('region', { name: 'Connection test result' }).getByRole('heading', { name: 'Connected' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // without Refresh, discovery has read the server again
  await expect(main.getByRole('alert')).toHaveCount(0);
  await expect(note).toHaveCount(0);
  const types = main.getByRole('table', { name: 'Resource types' });
  await expect(types.getByRole('row', { name: /^User/ })).toBeVisible();
  await expect(types.getByRole('row', { name: /^Group/ })).toBeVisible();
  await main.getByRole('tab', { name: /Capabilities/ }).click();
  await expect(main.getByRole('list', { name: 'Capabilities' }).getByRole('listitem', { name: 'PATCH: supported' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('discovery-after-token.png') });
  expect(pageErrors).toEqual([]);
});

/** A copy of an RFC schema without some attributes: `subs` maps a top-level name to sub-attributes to drop. */
function without(urn: string, top: string[], subs: Record<string, string[]>): ScimSchema {
  const schema = coreSchemas.find((s) => s.id === urn)!;
  return {
    ...schema,
    attributes: schema.attributes.filter((a) => !top.includes(a.name)).map((a) => (subs[a.name] ? { ...a, subAttributes: a.subAttributes?.filter((s) => !subs[a.name]!.includes(s.name)) } : a)),
  };
}

test.describe('discovery labels', () => {
  let server: FixtureServer;
  test.beforeAll(async () => {
    const schemas = [without(URN.user, [], { phoneNumbers: ['display'] }), without(URN.serviceProviderConfig, ['pagination'], { authenticationSchemes: ['type'] })];
    server = await startFixtureServer(({ path }) => {
      if (path === '/Schemas') return { body: { schemas: [URN.listResponse], totalResults: schemas.length, Resources: schemas } };
      if (path === '/ResourceTypes') return { body: { schemas: [URN.listResponse], totalResults: 1, Resources: [{ schemas: [URN.resourceType], id: 'User', name: 'User', endpoint: '/Users', schema: URN.user }] } };
      return undefined;
    });
  });
  test.afterAll(async () => {
    await server.close();
  });

  test('left-out attributes are spelled as the schema spells them, and pagination is RFC 9865’s', async ({ page, app }, testInfo) => {
    await page.goto(app.url);
    await callApi(page, 'endpoints.create', { endpoint: { name: 'Trimmed schemas', baseUrl: server.baseUrl, auth: { kind: 'none' } } });
    await page.getByRole('region', { name: 'Endpoints' }).getByRole('radio', { name: 'Trimmed schemas' }).check();
    await page.getByRole('tab', { name: 'Discovery', exact: true }).click();
    const main = page.getByRole('main', { name: 'Discovery' });
    await main.getByRole('tab', { name: /Schemas/ }).click();
    const schemas = main.getByRole('navigation', { name: 'Schemas' });

    await schemas.getByRole('button', { name: /^User/ }).click();
    await expect(main.getByLabel('Left out, defined by RFC 7643')).toHaveText('Left out (RFC 7643 defines it): phoneNumbers.display');

    await schemas.getByRole('button', { name: /^Service Provider Config/ }).click();
    await expect(main.getByLabel('Left out, defined by RFC 7643')).toHaveText('Left out (RFC 7643 defines it): authenticationSchemes.type');
    await expect(main.getByLabel('Left out, defined by RFC 9865')).toHaveText('Left out (RFC 9865 defines it, for cursor paging): pagination');
    await expect(main).not.toContainText('authenticationschemes');
    await page.screenshot({ path: testInfo.outputPath('discovery-left-out.png'), fullPage: true });
  });
});
