import { builder } from './builder.js';

export const GroupRef = builder.objectRef<{ id: number; name: string }>('GroupRef').implement({
  description: "A group's id and name as recorded at the time",
  fields: (t) => ({ id: t.exposeInt('id'), name: t.exposeString('name') }),
});
