import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Bus {
  address: string;
  /** starts an unlocked gnome-keyring on this bus (the user fixing the problem) */
  startKeyring(): Promise<void>;
  stop(): Promise<void>;
}

function firstLine(child: ChildProcess, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no address from dbus-daemon (saw: ${seen})`)), ms);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const line = /^(unix:[^\n]+)\n/m.exec(seen)?.[1];
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
  });
}

function secretsOwned(address: string): boolean {
  const result = spawnSync(
    'dbus-send',
    ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
    { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address }, encoding: 'utf8' },
  );
  return result.status === 0 && /boolean true/.test(result.stdout);
}

/**
 * A private D-Bus session with no service activation: nothing offers org.freedesktop.secrets on it
 * unless `withLockedKeyring` starts a gnome-keyring that is never unlocked.
 */
export async function startBus(options: { withLockedKeyring?: boolean } = {}): Promise<Bus> {
  const home = mkdtempSync(join(tmpdir(), 'scim-bus-'));
  const config = join(home, 'bus.conf');
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:dir=${home}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
  );
  const env = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home };
  const daemon = spawn('dbus-daemon', ['--config-file', config, '--nofork', '--print-address=1', '--nopidfile'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const address = await firstLine(daemon, 10_000);
  let keyring: ChildProcess | undefined;
  const startKeyring = async (unlocked: boolean) => {
    const args = unlocked ? ['--foreground', '--unlock', '--components=secrets'] : ['--foreground', '--components=secrets'];
    keyring = spawn('gnome-keyring-daemon', args, { env: { ...env, DBUS_SESSION_BUS_ADDRESS: address }, stdio: [unlocked ? 'pipe' : 'ignore', 'ignore', 'ignore'] });
    if (unlocked) keyring.stdin?.end('bus-test-password');
    const deadline = Date.now() + 10_000;
    while (!secretsOwned(address)) {
      if (Date.now() > deadline) throw new Error('gnome-keyring-daemon did not take org.freedesktop.secrets');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  if (options.withLockedKeyring) await startKeyring(false);
  return {
    address,
    startKeyring: () => startKeyring(true),
    async stop() {
      keyring?.kill();
      daemon.kill();
      await new Promise((r) => setTimeout(r, 50));
      rmSync(home, { recursive: true, force: true });
    },
  };
}
