import { InvalidRequestError, done } from '@argus/core';
import { builder, common } from './builder.js';
import { TokenPair } from './token-pair.type.js';

const errors = { types: [InvalidRequestError] };

builder.mutationFields((t) => ({
  createToken: t.field({
    type: TokenPair,
    description: 'OAuth2 password grant: the email as username',
    args: { grantType: t.arg.string(), username: t.arg.string(), password: t.arg.string() },
    resolve: (_, a, ctx) => ctx.services.tokens.login(a, ctx.clientIp),
  }),
  refreshToken: t.field({ type: TokenPair, errors, args: { grantType: t.arg.string(), refreshToken: t.arg.string() }, resolve: (_, a, ctx) => ctx.services.tokens.refresh(a.grantType, a.refreshToken, ctx.clientIp) }),
  revokeToken: t.field({ type: common.Ok, errors, args: { token: t.arg.string(), tokenTypeHint: t.arg.string() }, resolve: (_, a, ctx) => done(ctx.services.tokens.revoke(a.token, a.tokenTypeHint, ctx.clientIp)) }),
}));
