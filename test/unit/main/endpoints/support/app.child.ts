// Child process: the app core (compose) over a data directory, driven through its router like a host.
// Usage: app.child.ts <dataDir> '[["create", baseUrl, token], ["list"], ["send", id], ["delete", id]]'
// prints the answers, in order, as one JSON array
import { compose } from '../../../../../src/main/compose';

const [dataDir, script] = process.argv.slice(2);
const core = await compose({ host: 'web', dataDir: dataDir! });
const call = async (name: string, payload: unknown) => {
  const result = await core.router.dispatch(name, payload, { origin: 'test' });
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value as Record<string, unknown>;
};
const outputs: unknown[] = [];
for (const [command, ...args] of JSON.parse(script!) as string[][]) {
  switch (command) {
    case 'create': {
      const view = await call('endpoints.create', { endpoint: { name: 'Restart test', baseUrl: args[0], auth: { kind: 'bearer' } } });
      await call('endpoints.setSecret', { endpointId: view.id, field: 'token', value: args[1] });
      outputs.push({ id: view.id });
      break;
    }
    case 'send':
      outputs.push(await call('http.send', { requestId: 'child', spec: { endpointId: args[0], method: 'GET', path: '/Users' } }));
      break;
    case 'list':
      outputs.push(await call('endpoints.list', {}));
      break;
    case 'delete':
      outputs.push(await call('endpoints.delete', { id: args[0] }));
      break;
    default:
      throw new Error(`unknown command ${command}`);
  }
}
await core.dispose();
console.log(JSON.stringify(outputs));
