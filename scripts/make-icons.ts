/**
 * Draws the Teams app icons into manifest/: `color.png` (192x192, a white speech bubble with a
 * blue "T" on a blue rounded square) and `outline.png` (32x32, the same bubble in white on a
 * transparent background, the "T" cut out). Run once after changing the drawing and commit the
 * PNGs: `npx tsx scripts/make-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

/** A shape in unit coordinates: true where the point (x, y), both from 0 to 1, is inside. */
type Shape = (x: number, y: number) => boolean;
type Rgb = readonly [number, number, number];
interface Layer { shape: Shape; color: Rgb }

/** The accent colour of the manifest; the test checks that the two stay the same. */
export const ICON_BLUE: Rgb = [0x00, 0x55, 0x8c];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const SAMPLES = 4;

const MANIFEST_DIR = fileURLToPath(new URL('../manifest/', import.meta.url));

function roundedRect(x0: number, y0: number, x1: number, y1: number, radius: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + radius - x, 0, x - (x1 - radius));
    const dy = Math.max(y0 + radius - y, 0, y - (y1 - radius));
    return dx * dx + dy * dy <= radius * radius;
  };
}

function triangle(a: [number, number], b: [number, number], c: [number, number]): Shape {
  const side = (p: [number, number], q: [number, number], x: number, y: number) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((shape) => shape(x, y));
const subtract = (shape: Shape, hole: Shape): Shape => (x, y) => shape(x, y) && !hole(x, y);

/** Places a shape drawn in its own unit square into the box from `offset` to `offset + size`. */
const place = (shape: Shape, offset: number, size: number): Shape => (x, y) => shape((x - offset) / size, (y - offset) / size);

/** The speech bubble: a rounded body with a tail at the bottom left. */
const bubble: Shape = union(
  roundedRect(0, 0, 1, 0.74, 0.16),
  triangle([0.16, 0.7], [0.16, 1], [0.46, 0.7]),
);

/** The letter T inside the bubble. */
const letterT: Shape = union(
  roundedRect(0.22, 0.14, 0.78, 0.28, 0.02),
  roundedRect(0.43, 0.14, 0.57, 0.6, 0.02),
);

/** Paints the layers in order onto a transparent canvas, anti-aliased by supersampling. */
export function render(size: number, layers: readonly Layer[]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        const coverage = coverageAt(layer.shape, px, py, size);
        if (coverage === 0) continue;
        const outA = coverage + a * (1 - coverage);
        r = (layer.color[0] * coverage + r * a * (1 - coverage)) / outA;
        g = (layer.color[1] * coverage + g * a * (1 - coverage)) / outA;
        b = (layer.color[2] * coverage + b * a * (1 - coverage)) / outA;
        a = outA;
      }
      const index = (py * size + px) * 4;
      png.data[index] = Math.round(r);
      png.data[index + 1] = Math.round(g);
      png.data[index + 2] = Math.round(b);
      png.data[index + 3] = Math.round(a * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

function coverageAt(shape: Shape, px: number, py: number, size: number): number {
  let inside = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      if (shape((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)) inside++;
    }
  }
  return inside / (SAMPLES * SAMPLES);
}

/** 192x192, full colour: the bubble and the T on a blue rounded square. */
export function drawColorIcon(): Buffer {
  return render(192, [
    { shape: roundedRect(0, 0, 1, 1, 0.2), color: ICON_BLUE },
    { shape: place(bubble, 0.2, 0.6), color: WHITE },
    { shape: place(letterT, 0.2, 0.6), color: ICON_BLUE },
  ]);
}

/** 32x32, white on transparent: the bubble with the T cut out, as Teams wants outline icons. */
export function drawOutlineIcon(): Buffer {
  return render(32, [{ shape: place(subtract(bubble, letterT), 1 / 32, 30 / 32), color: WHITE }]);
}

export function writeIcons(dir = MANIFEST_DIR): string[] {
  const written = [join(dir, 'color.png'), join(dir, 'outline.png')];
  writeFileSync(written[0], drawColorIcon());
  writeFileSync(written[1], drawOutlineIcon());
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const path of writeIcons()) console.log(`Wrote ${path}`);
}
