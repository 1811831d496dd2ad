/**
 * Renders resources/icons/icon.svg into every icon electron-builder needs, with Chromium (no image library):
 *   png/<n>x<n>.png   Linux (AppImage, deb) and the window icon
 *   icon.ico          Windows (nsis): PNG-compressed entries 16…256
 *   icon.icns         macOS (dmg): PNG entries 16…1024
 * Run with `npx tsx scripts/make-icons.ts` after editing the SVG; the outputs are committed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './paths.ts';

const DIR = join(ROOT, 'resources', 'icons');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

async function render(svg: string): Promise<Map<number, Buffer>> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  const pngs = new Map<number, Buffer>();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  }
  await browser.close();
  return pngs;
}

/** ICO: a directory of entries, each a whole PNG file (allowed since Windows Vista). */
function ico(pngs: Map<number, Buffer>): Buffer {
  const sizes = [16, 24, 32, 48, 64, 128, 256];
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const png = pngs.get(size)!;
    const entry = 6 + 16 * i;
    header.writeUInt8(size === 256 ? 0 : size, entry);
    header.writeUInt8(size === 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...sizes.map((size) => pngs.get(size)!)]);
}

/** ICNS: typed chunks holding PNG data (ic04 16 … ic10 1024). */
function icns(pngs: Map<number, Buffer>): Buffer {
  const types: [string, number][] = [['icp4', 16], ['icp5', 32], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]];
  const chunks = types.map(([type, size]) => {
    const png = pngs.get(size)!;
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const pngs = await render(await readFile(join(DIR, 'icon.svg'), 'utf8'));
await mkdir(join(DIR, 'png'), { recursive: true });
for (const [size, png] of pngs) await writeFile(join(DIR, 'png', `${size}x${size}.png`), png);
await writeFile(join(DIR, 'icon.ico'), ico(pngs));
await writeFile(join(DIR, 'icon.icns'), icns(pngs));
process.stdout.write(`Wrote ${pngs.size} PNGs, icon.ico and icon.icns to ${DIR}\n`);
