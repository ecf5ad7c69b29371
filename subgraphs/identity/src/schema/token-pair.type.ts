import type { TokenPair as TokenPairShape } from '../services/token.service.js';
import { builder } from './builder.js';

export const TokenPair = builder.objectRef<TokenPairShape>('TokenPair').implement({
  description: 'An access token and the refresh token that renews it',
  fields: (t) => ({
    accessToken: t.exposeString('accessToken'),
    refreshToken: t.exposeString('refreshToken'),
    tokenType: t.exposeString('tokenType'),
    expiresIn: t.exposeInt('expiresIn', { description: 'Seconds until the access token expires' }),
  }),
});
