/**
 * The face analyzer as a library loaded on demand in the caller's process (ONNX Runtime and the
 * models load only when this is called), for the media subgraph's upload face meta.
 */
export function loadFaceAnalyzer(): Promise<typeof import('../face/index.js')> {
  return import('../face/index.js');
}
