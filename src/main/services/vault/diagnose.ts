import { KeychainTimeout } from './keyring-store';

export interface KeychainDiagnosis {
  problem: string;
  fix: string;
}

/** The error's message and those of its causes, in one line. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      if (!parts.some((p) => p.includes(current instanceof Error ? current.message : ''))) parts.push(current.message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(': ');
}

const HEADLESS_LINUX =
  'On a server or in a container: `dbus-run-session -- sh -c \'echo -n "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets; npm start\'`.';

function linux(text: string, env: NodeJS.ProcessEnv): KeychainDiagnosis {
  const address = env.DBUS_SESSION_BUS_ADDRESS;
  if (!address || /autolaunch|DBUS_SESSION_BUS_ADDRESS/i.test(text)) {
    return {
      problem: 'There is no D-Bus session: DBUS_SESSION_BUS_ADDRESS is not set, so the Secret Service (the Linux keychain) cannot be reached.',
      fix: `Start the app from your desktop session (not a bare SSH or cron shell), or run it inside one. ${HEADLESS_LINUX}`,
    };
  }
  if (/Failed to connect to socket|No such file or directory|Connection refused|Could not connect/i.test(text)) {
    return {
      problem: `The D-Bus session at ${address} does not answer (DBUS_SESSION_BUS_ADDRESS points to a bus that is gone, as happens in tmux/screen or SSH sessions that outlived the login).`,
      fix: `Log in again or export the address of your current session bus, then restart the app. ${HEADLESS_LINUX}`,
    };
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|not provided by any \.service files/i.test(text)) {
    return {
      problem: 'No Secret Service is running on this D-Bus session: no keyring daemon (GNOME Keyring, KWallet with its Secret Service bridge, KeePassXC) offers org.freedesktop.secrets.',
      fix: 'Install and start one: `sudo apt install gnome-keyring` (Debian/Ubuntu) or `sudo dnf install gnome-keyring` (Fedora), then log out and in; or turn on "Secret Service integration" in KeePassXC.',
    };
  }
  if (/no result found|locked|prompt|dismissed|IsLocked|not unlocked/i.test(text)) {
    return {
      problem: 'The keyring is locked, or there is no default keyring to keep secrets in.',
      fix: `Unlock your login keyring (open "Passwords and Keys" / Seahorse and unlock "Login", or create a default keyring there), then press Check again. ${HEADLESS_LINUX}`,
    };
  }
  return { problem: `The Secret Service refused the request: ${text}`, fix: `Check that your keyring daemon is running and unlocked, then press Check again. ${HEADLESS_LINUX}` };
}

function mac(text: string): KeychainDiagnosis {
  if (/interaction is not allowed|locked/i.test(text)) {
    return { problem: 'The login keychain is locked.', fix: 'Open Keychain Access, unlock the "login" keychain, then press Check again.' };
  }
  return { problem: `The macOS Keychain refused the request: ${text}`, fix: 'Open Keychain Access and check that the "login" keychain exists and is unlocked (Keychain Access → First Aid on older macOS), then press Check again.' };
}

function windows(text: string): KeychainDiagnosis {
  return {
    problem: `Windows Credential Manager refused the request: ${text}`,
    fix: 'Open Control Panel → Credential Manager → Windows Credentials and check that it opens; a roaming or mandatory profile can block it. Then press Check again.',
  };
}

/** Why the keychain could not be used, and what to do about it on this platform, in plain words. */
export function diagnoseKeychain(error: unknown, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): KeychainDiagnosis {
  if (error instanceof KeychainTimeout) {
    return {
      problem: `${error.message}; it may be waiting for you to unlock it in a dialog that is not visible, or its daemon hangs.`,
      fix: platform === 'linux' ? 'Look for an unlock dialog, or restart the keyring daemon, then press Check again.' : 'Look for an unlock dialog from the system, then press Check again.',
    };
  }
  const text = errorText(error);
  if (platform === 'darwin') return mac(text);
  if (platform === 'win32') return windows(text);
  return linux(text, env);
}
