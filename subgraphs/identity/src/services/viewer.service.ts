import { NotFoundError, requirePermission, type Viewer } from '@argus/core';
import type { ViewerProfile, ViewerRepository } from '../repositories/viewer.repository.js';

/** The signed-in user as `viewer` answers it: user, organization and group read together. */
export class ViewerService {
  constructor(private readonly profiles: ViewerRepository) {}

  async me(viewer: Viewer): Promise<ViewerProfile> {
    requirePermission(viewer, 'user_me_read');
    const profile = await this.profiles.profile(viewer.userId);
    if (!profile) throw new NotFoundError('User not found');
    return profile;
  }
}
