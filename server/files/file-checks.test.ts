import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectContent, reencodeImage, safeFileName } from './file-checks';

const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#0f766e' } }).png().toBuffer();

describe('file checks', () => {
  it('knows a file by its content, whatever its name says', async () => {
    expect(await inspectContent(await png())).toMatchObject({ mime: 'image/png', image: true });
    expect(await inspectContent(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).toMatchObject({ mime: 'application/pdf', image: false });
    // A Windows program, an HTML page and a shell script are refused, even named .jpg or .pdf.
    expect(await inspectContent(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]))).toBeNull();
    expect(await inspectContent(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(await inspectContent(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBeNull();
  });

  it('makes names safe: no directories, no control or direction characters, the real extension', () => {
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('C:\\Users\\me\\invoice.exe', 'pdf')).toBe('invoice.pdf');
    expect(safeFileName('photo\u202Egpj.exe', 'png')).toBe('photogpj.png');
    expect(safeFileName('...', 'jpg')).toBe('file.jpg');
    expect(safeFileName('রসিদ মার্চ.pdf', 'pdf')).toBe('রসিদ মার্চ.pdf');
    expect(safeFileName('x'.repeat(500), 'pdf').length).toBeLessThanOrEqual(114);
  });

  it('re-encodes images without their metadata (camera, GPS) and refuses what only looks like an image', async () => {
    const withExif = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ff0000' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'secret-home-address', Artist: 'Nusrat' } } })
      .toBuffer();
    expect(withExif.toString('latin1')).toContain('secret-home-address');
    const clean = await reencodeImage(withExif, 'image/jpeg');
    expect(clean.toString('latin1')).not.toContain('secret-home-address');
    expect((await sharp(clean).metadata()).exif).toBeUndefined();
    // Bytes hidden after the picture are gone too.
    const smuggled = Buffer.concat([await png(), Buffer.from('<?php system($_GET[1]); ?>')]);
    expect((await reencodeImage(smuggled, 'image/png')).toString('latin1')).not.toContain('<?php');
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    await expect(reencodeImage(fake, 'image/png')).rejects.toThrow();
  });
});
