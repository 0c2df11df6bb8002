import type { SimulatorService } from '../../services/simulator/simulator-service';
import type { Handlers } from '../router';

type SimulatorCommands =
  | 'simulator.profiles'
  | 'simulator.getMappings'
  | 'simulator.saveMappings'
  | 'simulator.resetMappings'
  | 'simulator.getDirectory'
  | 'simulator.saveDirectory'
  | 'simulator.resetDirectory'
  | 'simulator.run'
  | 'simulator.cancel'
  | 'simulator.object'
  | 'simulator.forget';

export function simulatorHandlers(simulator: SimulatorService): Pick<Handlers, SimulatorCommands> {
  return {
    'simulator.profiles': () => simulator.profiles(),
    'simulator.getMappings': ({ profile }) => simulator.getMappings(profile),
    'simulator.saveMappings': ({ mappings }) => simulator.saveMappings(mappings),
    'simulator.resetMappings': ({ profile }) => simulator.resetMappings(profile),
    'simulator.getDirectory': () => simulator.getDirectory(),
    'simulator.saveDirectory': ({ directory }) => simulator.saveDirectory(directory),
    'simulator.resetDirectory': () => simulator.resetDirectory(),
    'simulator.run': (request) => simulator.run(request),
    'simulator.cancel': ({ runId }) => ({ cancelled: simulator.cancel(runId) }),
    'simulator.object': ({ runId, index }) => simulator.object(runId, index),
    'simulator.forget': ({ endpointId, profile }) => {
      simulator.forget(endpointId, profile);
      return {};
    },
  };
}
