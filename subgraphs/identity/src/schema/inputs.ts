import { builder } from './builder.js';

export const UserInput = builder.inputType('UserInput', {
  fields: (t) => ({
    firstName: t.string({ required: true }),
    lastName: t.string({ required: true }),
    avatarId: t.string(),
    email: t.string({ required: true }),
    password: t.string({ description: 'Required when creating; unchanged when omitted on update' }),
    groupIds: t.intList({ required: true, description: 'At most one group' }),
    roleId: t.int({ required: true }),
  }),
});

export const ProfileInput = builder.inputType('ProfileInput', {
  fields: (t) => ({
    firstName: t.string({ required: true }),
    lastName: t.string({ required: true }),
    avatarId: t.string(),
  }),
});

export const OrganizationInput = builder.inputType('OrganizationInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string({ required: true }),
    logoId: t.string(),
  }),
});

export const GroupInput = builder.inputType('GroupInput', {
  fields: (t) => ({ name: t.string({ required: true }), description: t.string({ required: true }) }),
});

export const RoleInput = builder.inputType('RoleInput', {
  fields: (t) => ({ name: t.string({ required: true }), description: t.string({ required: true }) }),
});
