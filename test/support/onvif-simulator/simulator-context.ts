import type { OnvifSimulatorState } from './simulator-state.js';

export interface SimulatorContext {
  readonly state: OnvifSimulatorState;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  readonly host: string;
}
