/**
 * Backend of the service-mesh view: entity → workloads, traffic graph, health.
 *
 * @packageDocumentation
 */
export { meshPlugin as default } from './plugin';
