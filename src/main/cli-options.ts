/** Shared by the command lines (`npm run web`, `npm run sandbox`): a failure is one line on stderr and an exit code (2 for a usage error). */
export function exitWith(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** A whole-number option within bounds, or undefined when absent; anything else exits with a usage error. */
export function integerOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) exitWith(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}
