// Bytes of the demo CT on the wire: every frame through the bridge as the viewer asks for it
// (transfer-syntax=*, so as the archive keeps it: JPEG-LS lossless), against the same frames asked
// for uncompressed, in one run; each received frame decoded here and compared with the pixel data
// the generator made (bit-exact or the row says not). Called from run.ts; returns markdown lines.
import { loadavg } from 'node:os';
import { ctPhantom, type PhantomOptions } from '../src/demo/ctPhantom';
import { demoDicomPatientId } from '../src/demo/patientIds';
import { codecs, runDecoder } from '../src/render/codecs';
import { firstPart } from '../src/render/source';
import { pixelDataOf } from '@tiered-care/testkit/fixtures';

type Get = (path: string, accept: string) => Promise<Response>;
interface Ct {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUids: string[];
}

const AS_STORED = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
const UNCOMPRESSED =
  'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.1';

async function frame(get: Get, ct: Ct, sop: string, accept: string) {
  const res = await get(
    `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances/${sop}/frames/1`,
    accept,
  );
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`frame ${sop}: ${res.status}`);
  const part = firstPart(res.headers.get('content-type') ?? '', body);
  return { wire: body.length, payload: part.bytes, syntax: part.syntax };
}

/** `get` fetches a path below the bridge's DICOMweb root with that Accept, as the viewer would. */
export async function wireBytesRows(get: Get, ct: Ct, phantom: PhantomOptions = {}): Promise<string[]> {
  const generated = ctPhantom({ patientId: demoDicomPatientId('C1/张桂兰'), ...phantom });
  const { jpegLs } = await codecs();
  let compressed = 0;
  let plain = 0;
  let raw = 0;
  let exact = 0;
  let decodeMs = 0;
  const syntaxes = new Set<string>();
  for (const [i, sop] of ct.sopInstanceUids.entries()) {
    const pixels = pixelDataOf(generated.slice(i));
    const stored = await frame(get, ct, sop, AS_STORED);
    const uncompressed = await frame(get, ct, sop, UNCOMPRESSED);
    compressed += stored.wire;
    plain += uncompressed.wire;
    raw += pixels.length;
    syntaxes.add(stored.syntax);
    const started = performance.now();
    const decoded =
      stored.syntax === '1.2.840.10008.1.2.4.80' ? runDecoder(jpegLs, stored.payload).bytes : stored.payload;
    decodeMs += performance.now() - started;
    if (Buffer.from(decoded).equals(pixels) && uncompressed.payload.equals(pixels)) exact++;
  }
  const n = ct.sopInstanceUids.length;
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  const at2Mbit = (b: number) => `${((b * 8) / 2e6).toFixed(0)} s`;
  return [
    ``,
    `Bytes of the demo CT on the wire (${n} frames of ${generated.size}×${generated.size}×16 bit through the bridge, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}): as the viewer asks (transfer-syntax=*, ` +
      `sent as ${[...syntaxes].join(', ')}) against the same frames asked uncompressed; every frame decoded ` +
      `here (CharLS, the viewer's codec) and compared with the generated pixel data.`,
    ``,
    `| frames as | bytes on the wire | ÷ uncompressed | at 2 Mbit/s (payload only) | bit-exact frames | decode, all frames |`,
    `|---|---|---|---|---|---|`,
    `| uncompressed | ${mb(plain)} | 1.00 | ${at2Mbit(plain)} | ${exact} / ${n} | — |`,
    `| stored (JPEG-LS lossless) | ${mb(compressed)} | ${(compressed / plain).toFixed(2)} | ${at2Mbit(compressed)} | ${exact} / ${n} | ${decodeMs.toFixed(0)} ms |`,
    `| (pixel data alone) | ${mb(raw)} | | | | |`,
  ];
}
