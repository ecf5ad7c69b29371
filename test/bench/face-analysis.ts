import { readdirSync, readFileSync } from 'node:fs';
import { FaceAnalyzer, type StageTimings } from '../../media-engine/src/face/index.js';

/**
 * Face analysis on the fixture photos, one process, images one after another: images/s, p50 per
 * stage (decode, detect, landmarks + alignment, embedding) and the share of the time spent
 * outside ONNX Runtime's inference. Prints a table and the ratios measured in this one run.
 */
const ITERATIONS = Number(process.env.BENCH_FACE_ITERATIONS ?? 10);
const THREADS = process.env.BENCH_FACE_THREADS ? Number(process.env.BENCH_FACE_THREADS) : undefined;
const FIXTURES = new URL('../fixtures/faces/', import.meta.url);

const photos = readdirSync(FIXTURES)
  .filter((name) => /\.(jpe?g|png|webp)$/i.test(name))
  .sort()
  .map((name) => ({ name, data: readFileSync(new URL(name, FIXTURES)) }));

const loadStarted = performance.now();
const analyzer = await FaceAnalyzer.create({ threads: THREADS });
const loadMs = performance.now() - loadStarted;

const samples: StageTimings[] = [];
let faces = 0;
try {
  for (const photo of photos) await analyzer.analyze(photo.data); // warm-up
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    for (const photo of photos) {
      const result = await analyzer.analyze(photo.data);
      if (result.status !== 'success') throw new Error(`${photo.name}: ${result.status} ${result.reason}`);
      faces += result.value.faces.length;
      samples.push(result.timings);
    }
  }
  print(performance.now() - started);
} finally {
  await analyzer.release();
}

function print(wallMs: number): void {
  const images = samples.length;
  const p50 = (pick: (t: StageTimings) => number) => {
    const sorted = samples.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)]!;
  };
  const sum = (pick: (t: StageTimings) => number) => samples.reduce((s, t) => s + pick(t), 0);
  const total = sum((t) => t.total);
  const rows: [string, (t: StageTimings) => number][] = [
    ['decode', (t) => t.decode],
    ['detect', (t) => t.detect],
    ['landmarks + align', (t) => t.landmarks + t.align],
    ['  landmarks', (t) => t.landmarks],
    ['  align', (t) => t.align],
    ['embed', (t) => t.embed],
    ['whole image', (t) => t.total],
    ['ONNX inference', (t) => t.inference],
  ];

  console.log(
    `\nFace analysis: ${photos.length} fixture photos × ${ITERATIONS} iterations = ${images} images, ${faces} faces, ` +
      `one process, images in sequence${THREADS ? `, ${THREADS} ORT threads` : ''} (models loaded in ${loadMs.toFixed(0)} ms)\n`,
  );
  console.log('stage                p50 ms/image   mean ms/image   share of time');
  for (const [name, pick] of rows) {
    const share = name.startsWith('  ') ? '' : `${((100 * sum(pick)) / total).toFixed(1)} %`;
    console.log(
      `${name.padEnd(20)} ${p50(pick).toFixed(2).padStart(12)} ${(sum(pick) / images).toFixed(2).padStart(15)} ${share.padStart(15)}`,
    );
  }
  const inference = sum((t) => t.inference);
  const perFace = (pick: (t: StageTimings) => number) => sum(pick) / faces;
  console.log(
    `\nthroughput             ${((images * 1000) / wallMs).toFixed(1)} images/s, ${((faces * 1000) / wallMs).toFixed(1)} faces/s`,
  );
  console.log(
    `outside ONNX inference ${((100 * (total - inference)) / total).toFixed(1)} % of the analysis time (decode, resampling, NMS, encoding)`,
  );
  console.log(
    `per face               landmarks + align ${perFace((t) => t.landmarks + t.align).toFixed(2)} ms, embed ${perFace((t) => t.embed).toFixed(2)} ms`,
  );
  console.log(
    `ratios                 embed/detect ${(sum((t) => t.embed) / sum((t) => t.detect)).toFixed(2)}   detect/decode ${(sum((t) => t.detect) / sum((t) => t.decode)).toFixed(2)}`,
  );
}
