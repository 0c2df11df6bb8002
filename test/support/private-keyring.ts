import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateKeyring {
  /** environment a process needs to reach this keyring */
  env: { DBUS_SESSION_BUS_ADDRESS: string; XDG_DATA_HOME: string };
  stop(): Promise<void>;
}

const KEYRING_PASSWORD = 'scim-inspector-tests';

function which(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function waitForLine(child: ChildProcess, pattern: RegExp, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} (saw: ${seen.trim()})`)), ms);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? match[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing ${pattern} (saw: ${seen.trim()})`));
    });
  });
}

function secretServiceUp(address: string): boolean {
  const result = spawnSync(
    'dbus-send',
    ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
    { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address }, encoding: 'utf8' },
  );
  return result.status === 0 && /boolean true/.test(result.stdout);
}

/**
 * A D-Bus session and an unlocked gnome-keyring of our own, in a temporary folder, so tests use the
 * real Secret Service without ever touching the developer's own keychain.
 */
export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  for (const tool of ['dbus-daemon', 'gnome-keyring-daemon', 'dbus-send']) {
    if (!which(tool)) throw new Error(`${tool} is not installed: on Debian, apt-get install gnome-keyring dbus-x11 libsecret-tools (.ci/run does this)`);
  }
  const home = mkdtempSync(join(tmpdir(), 'scim-keyring-'));
  const dataHome = join(home, 'data');
  const runtimeDir = join(home, 'run');
  for (const dir of [dataHome, runtimeDir]) spawnSync('mkdir', ['-p', '-m', '700', dir]);
  const env = { ...process.env, XDG_DATA_HOME: dataHome, XDG_RUNTIME_DIR: runtimeDir, HOME: home };

  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1', '--nopidfile'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const address = (await waitForLine(bus, /^(unix:[^\n]+)\n/m, 10_000)).trim();
  const busEnv = { ...env, DBUS_SESSION_BUS_ADDRESS: address };

  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env: busEnv, stdio: ['pipe', 'ignore', 'ignore'] });
  keyring.stdin?.end(KEYRING_PASSWORD);
  const deadline = Date.now() + 10_000;
  while (!secretServiceUp(address)) {
    if (Date.now() > deadline || keyring.exitCode !== null) {
      bus.kill();
      keyring.kill();
      throw new Error('gnome-keyring-daemon did not register the Secret Service on the private bus');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address, XDG_DATA_HOME: dataHome },
    async stop() {
      keyring.kill();
      bus.kill();
      await new Promise((r) => setTimeout(r, 50));
      if (existsSync(home)) rmSync(home, { recursive: true, force: true });
    },
  };
}
