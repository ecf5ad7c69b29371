/**
 * REST calls as a benchmark's client makes them: a JSON, form or multipart body, the answer's
 * JSON, and an error naming the call when it is not 2xx.
 */
export async function call(
  restUrl: string,
  method: string,
  apiPath: string,
  token?: string,
  body?: unknown,
): Promise<any> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | FormData | undefined;
  if (body instanceof URLSearchParams) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = body.toString();
  } else if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`${restUrl}/api/v1${apiPath}`, { method, headers, body: payload });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${apiPath} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** POST /token with the password grant: the access token. */
export async function signIn(restUrl: string, username: string, password: string): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'password', username, password });
  return ((await call(restUrl, 'POST', '/token', undefined, form)) as { access_token: string }).access_token;
}
