/**
 * A writer to be killed: writes `bytes` of 'B' to argv[2] atomically, in 1 MB chunks with a pause between them,
 * printing "chunk <n>" after each so the parent can kill it midway.
 */
import { writeFileAtomic } from '../../../main/project/atomic-write.ts';

const [target, total] = [process.argv[2]!, Number(process.argv[3])];
const CHUNK = 1 << 20;

async function* chunks(): AsyncGenerator<Uint8Array> {
  for (let n = 0; n * CHUNK < total; n++) {
    yield new Uint8Array(Math.min(CHUNK, total - n * CHUNK)).fill(66);
    process.stdout.write(`chunk ${n + 1}\n`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

await writeFileAtomic(target, chunks());
process.stdout.write('done\n');
