/** Every permission of the REST contract's enum, in the spec's order. */
export const PERMISSIONS = [
  'auditlog_read', 'camera_create', 'camera_delete', 'camera_read', 'camera_snapshot_read', 'camera_update',
  'event_read', 'faceimage_create', 'faceimage_delete', 'faceimage_read', 'facelist_create', 'facelist_delete',
  'facelist_face_create', 'facelist_face_delete', 'facelist_face_read', 'facelist_read', 'facelist_update',
  'face_create', 'face_delete', 'face_read', 'face_update', 'group_create', 'group_delete', 'group_place_create',
  'group_place_delete', 'group_place_read', 'group_read', 'group_update', 'group_user_create', 'group_user_delete',
  'group_user_read', 'onvif_create', 'onvif_delete', 'onvif_read', 'onvif_update', 'orion_create', 'orion_read',
  'orion_update', 'orion_delete', 'organization_create', 'organization_delete', 'organization_groups_read',
  'organization_members_read', 'organization_read', 'organization_update', 'permission_create', 'permission_delete',
  'permission_read', 'place_create', 'place_delete', 'place_group_create', 'place_group_delete', 'place_group_read',
  'place_plan_read', 'place_read', 'place_update', 'plan_camera_create', 'plan_camera_delete', 'plan_camera_read',
  'plan_camera_update', 'plan_create', 'plan_delete', 'plan_read', 'plan_update', 'platelist_create',
  'platelist_delete', 'platelist_plate_create', 'platelist_plate_delete', 'platelist_plate_read', 'platelist_read',
  'platelist_update', 'plate_create', 'plate_delete', 'plate_read', 'plate_update', 'role_create', 'role_delete',
  'role_member_read', 'role_perm_read', 'role_read', 'role_update', 'search_face', 'search_plate', 'segment_read',
  'snapshot_read', 'stats_read', 'stream_read', 'streamserver_read', 'streamstatus_read', 'upload_create',
  'upload_meta_read', 'upload_read', 'user_create', 'user_delete', 'user_me_read', 'user_me_update', 'user_read',
  'user_update', 'videoclip_create', 'videoclip_delete', 'videoclip_read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
