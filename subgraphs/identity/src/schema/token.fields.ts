import { InvalidRequestError, done } from '@argus/core';
import { builder, common } from './builder.js';
import { TokenPair } from './token-pair.type.js';

const errors = { types: [InvalidRequestError] };

// sign-in, refresh and revocation are for callers without a session: no signed-in scope
builder.mutationFields((t) => ({
  createToken: t.field({
    type: TokenPair,
    skipTypeScopes: true,
    description: 'OAuth2 password grant: the email as username',
    args: { grantType: t.arg.string(), username: t.arg.string(), password: t.arg.string() },
    resolve: (_, a, ctx) => ctx.services.tokens.login(a, ctx.clientIp),
  }),
  refreshToken: t.field({ type: TokenPair, errors, skipTypeScopes: true, args: { grantType: t.arg.string(), refreshToken: t.arg.string() }, resolve: (_, a, ctx) => ctx.services.tokens.refresh(a.grantType, a.refreshToken, ctx.clientIp) }),
  revokeToken: t.field({ type: common.Ok, errors, skipTypeScopes: true, args: { token: t.arg.string(), tokenTypeHint: t.arg.string() }, resolve: (_, a, ctx) => done(ctx.services.tokens.revoke(a.token, a.tokenTypeHint, ctx.clientIp)) }),
}));
