import { builder } from './builder.js';
import { Hello } from './hello.type.js';

export const ARGUS_VERSION = '0.1.0';

builder.queryFields((t) => ({
  hello: t.field({ type: Hello, skipTypeScopes: true, description: 'Answers without signing in', resolve: () => ({ message: 'Hello from Argus', version: ARGUS_VERSION }) }),
}));
