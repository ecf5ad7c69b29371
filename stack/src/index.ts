export * from './stack.js';
export { startEdgeWorkers, type EdgeWorkers, type EdgeWorkersOptions } from './edge-workers.js';
