import { PERMISSIONS } from '@argus/core';
import { builder } from './builder.js';

export const PermissionEnum = builder.enumType('Permission', { values: PERMISSIONS });
