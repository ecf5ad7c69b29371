/** The bytes of a file of a multipart GraphQL request, as the upload service reads content. */
export async function* fileContent(file: Blob): AsyncIterable<Uint8Array> {
  yield new Uint8Array(await file.arrayBuffer());
}
