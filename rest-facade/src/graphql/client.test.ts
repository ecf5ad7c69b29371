import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphqlTransportError, httpGraphqlClient } from './client.js';

describe('httpGraphqlClient', () => {
  let server: Server;
  let url: string;
  let last: { headers: IncomingMessage['headers']; body: unknown } | undefined;
  let answer: { status: number; text: string } = { status: 200, text: '{"data":{"hello":{"message":"hi"}}}' };

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      last = { headers: req.headers, body: JSON.parse(text) };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const headers = { authorization: 'Bearer t', 'x-request-id': 'r-9', 'x-forwarded-for': '192.0.2.1' };

  it('posts the document, operation name and variables with the forwarded headers', async () => {
    answer = { status: 200, text: '{"data":{"hello":{"message":"hi"}}}' };
    const result = await httpGraphqlClient(url, 1000).execute(
      'query getHello { hello { message } }',
      'getHello',
      { a: 1 },
      headers,
    );
    expect(result).toEqual({ data: { hello: { message: 'hi' } } });
    expect(last?.body).toEqual({
      query: 'query getHello { hello { message } }',
      operationName: 'getHello',
      variables: { a: 1 },
    });
    expect(last?.headers).toMatchObject(headers);
  });

  it('returns GraphQL errors whatever the HTTP status', async () => {
    answer = { status: 400, text: '{"errors":[{"message":"bad","extensions":{"code":"BAD_USER_INPUT"}}]}' };
    expect((await httpGraphqlClient(url, 1000).execute('q', 'q', {}, headers)).errors).toHaveLength(1);
  });

  it('fails on an answer that is not GraphQL', async () => {
    answer = { status: 502, text: '<html>bad gateway</html>' };
    await expect(httpGraphqlClient(url, 1000).execute('q', 'q', {}, headers)).rejects.toBeInstanceOf(
      GraphqlTransportError,
    );
  });

  it('fails when nothing listens', async () => {
    await expect(httpGraphqlClient('http://127.0.0.1:9/graphql', 1000).execute('q', 'q', {}, headers)).rejects.toThrow(
      /unreachable/,
    );
  });

  it('sends through an injected fetch (a router in the same process) with the same request', async () => {
    const sent: Request[] = [];
    const send = async (request: Request) => {
      sent.push(request);
      return new Response('{"data":{"viewer":{"id":7}}}', { headers: { 'content-type': 'application/json' } });
    };
    const client = httpGraphqlClient('http://router.invalid/graphql', 1000, send);
    const result = await client.execute('query me { viewer { id } }', 'me', {}, headers);
    expect(result).toEqual({ data: { viewer: { id: 7 } } });
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request!.url).toBe('http://router.invalid/graphql');
    expect(request!.method).toBe('POST');
    expect(Object.fromEntries(request!.headers)).toMatchObject(headers);
    expect(await request!.json()).toEqual({ query: 'query me { viewer { id } }', operationName: 'me', variables: {} });
  });

  it('gives up on an injected fetch that does not answer within the timeout', async () => {
    const never = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    await expect(
      httpGraphqlClient('http://router.invalid/graphql', 50, never).execute('q', 'q', {}, headers),
    ).rejects.toBeInstanceOf(GraphqlTransportError);
  });
});
