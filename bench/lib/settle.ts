import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** A full garbage collection, so each timed path starts from the same heap and none pays for another's garbage. */
export function settle(): void {
  collect();
}
