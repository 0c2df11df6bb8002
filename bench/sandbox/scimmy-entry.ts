// Runs the SCIMMY peer in its own process for the sandbox benchmark: `node scimmy.mjs <users.json> <token>`.
// Prints "SCIMMY: <baseUrl>" once it serves the users from the file (the sandbox's own representations).
import { readFileSync } from 'node:fs';
import { startScimmyServer } from '../../test/peers/scimmy-server';

const [file, token] = process.argv.slice(2);
if (!file || !token) {
  process.stderr.write('usage: scimmy.mjs <users.json> <token>\n');
  process.exit(2);
}
const users = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
const server = await startScimmyServer({ token, users: 0 });
for (const user of users) server.users.set(user.id as string, user);
process.stdout.write(`SCIMMY: ${server.baseUrl}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
