import { builder } from './builder.js';

export const Hello = builder.objectRef<{ message: string; version: string }>('Hello').implement({
  fields: (t) => ({ message: t.exposeString('message'), version: t.exposeString('version') }),
});
