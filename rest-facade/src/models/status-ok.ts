/** The spec's `{status: "ok"}` answer, from GraphQL's `Ok`. */
export function toRestStatusOk(): { status: 'ok' } {
  return { status: 'ok' };
}
