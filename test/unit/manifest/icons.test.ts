import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon, ICON_BLUE, render } from '../../../scripts/make-icons.js';
import { iconProblems, MANIFEST_DIR, readPackageFiles, readTemplate } from '../../../scripts/package-app.js';

const template = readTemplate();
const files = readPackageFiles(template);
const read = (name: string) => PNG.sync.read(readFileSync(join(MANIFEST_DIR, name)));
const square = (size: number, rgba: [number, number, number, number]) => render(size, [{ shape: () => true, color: [rgba[0], rgba[1], rgba[2]] }]);

describe('the shipped icons', () => {
  it('are 192x192 (colour) and 32x32 (outline) and pass every icon check', () => {
    expect(template.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect([read('color.png').width, read('color.png').height]).toEqual([192, 192]);
    expect([read('outline.png').width, read('outline.png').height]).toEqual([32, 32]);
    expect(iconProblems(template, files)).toEqual([]);
  });

  it('give the outline a transparent background and only white pixels', () => {
    const outline = read('outline.png');
    expect(outline.alpha).toBe(true);
    const pixels = [...Array(outline.width * outline.height).keys()].map((index) => [...outline.data.subarray(index * 4, index * 4 + 4)]);
    expect(pixels.some(([, , , alpha]) => alpha === 0)).toBe(true);
    expect(pixels.filter(([red, green, blue, alpha]) => alpha > 0 && (red !== 255 || green !== 255 || blue !== 255))).toEqual([]);
  });

  it('are what scripts/make-icons.ts draws, in the manifest accent colour', () => {
    expect(read('color.png').data.equals(PNG.sync.read(drawColorIcon()).data)).toBe(true);
    expect(read('outline.png').data.equals(PNG.sync.read(drawOutlineIcon()).data)).toBe(true);
    const hex = `#${ICON_BLUE.map((part) => part.toString(16).padStart(2, '0')).join('')}`;
    expect(String(template.accentColor).toLowerCase()).toBe(hex);
  });
});

describe('iconProblems', () => {
  it('names wrong sizes, an opaque or coloured outline and missing files', () => {
    const wrong = new Map([['color.png', square(96, [0, 85, 140, 255])], ['outline.png', square(32, [0, 85, 140, 255])]]);
    expect(iconProblems(template, wrong)).toEqual([
      'color.png: the color icon must be 192x192 pixels, it is 96x96',
      'outline.png: the outline icon must have a transparent background, every pixel is opaque',
      'outline.png: the outline icon must be white only, 1024 visible pixels are not white',
    ]);
    expect(iconProblems(template, new Map([['color.png', Buffer.from('not a png')]]))).toEqual([
      expect.stringMatching(/^color\.png: is not a readable PNG/),
      'outline.png: the outline icon file is missing',
    ]);
  });

  it('wants an alpha channel in the outline', () => {
    const noAlpha = PNG.sync.write(PNG.sync.read(square(32, [255, 255, 255, 255])), { colorType: 2 });
    expect(iconProblems(template, new Map([...files, ['outline.png', noAlpha]]))).toEqual([
      'outline.png: the outline icon must have an alpha channel (transparent background)',
    ]);
  });
});
