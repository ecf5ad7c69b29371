import { builder } from './builder.js';

export const Sex = builder.enumType('Sex', {
  values: { M: { value: 'm' }, F: { value: 'f' } } as const,
});
