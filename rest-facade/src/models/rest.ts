import type { components } from '../openapi/generated/contract.js';

/** A model of the REST contract (schema/openapi.yaml), by its name under components/schemas. */
export type RestSchema<Name extends keyof components['schemas']> = components['schemas'][Name];
