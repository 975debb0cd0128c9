/**
 * Renders resources/icons/icon.svg into the icon set electron-builder needs: PNGs at every size
 * (Linux takes the folder), icon.ico (Windows, PNG-compressed entries) and icon.icns (macOS, PNG chunks).
 * Chromium does the rasterising so no image toolchain is needed; the outputs are committed, and this
 * script is only re-run when the SVG changes: `node --import tsx scripts/build-icons.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const dir = new URL('../resources/icons/', import.meta.url).pathname;
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

async function render(): Promise<Map<number, Buffer>> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const out = new Map<number, Buffer>();
  try {
    const page = await browser.newPage();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
      );
      out.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** ICO container with PNG-compressed images (supported since Windows Vista). */
function ico(pngs: [number, Buffer][]): Buffer {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(([size, png], i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map(([, png]) => png)]);
}

/** ICNS container of PNG chunks; the type codes name the pixel size (and @2x variants). */
function icns(bySize: Map<number, Buffer>): Buffer {
  const types: [string, number][] = [
    ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
    ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
  ];
  const chunks = types.map(([type, size]) => {
    const png = bySize.get(size)!;
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

const pngs = await render();
for (const [size, png] of pngs) writeFileSync(join(dir, `${size}x${size}.png`), png);
writeFileSync(join(dir, 'icon.png'), pngs.get(1024)!);
writeFileSync(join(dir, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((s) => [s, pngs.get(s)!])));
writeFileSync(join(dir, 'icon.icns'), icns(pngs));
console.log(`wrote ${pngs.size} PNGs, icon.ico and icon.icns to ${dir}`);
