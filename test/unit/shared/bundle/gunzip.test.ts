/**
 * The payload's gunzip: the platform's DecompressionStream, taking one complete gzip member and
 * nothing else, in pieces of any size, with the output in order.
 */
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { GunzipError, PlatformGunzip } from '../../../../shared/bundle/gunzip';
import { concatBytes } from '../../../../shared/crypto/bytes';

const text = (s: string) => new TextEncoder().encode(s);
const gz = (s: string) => new Uint8Array(gzipSync(text(s)));
const join = concatBytes;

/** Gunzips `bytes` pushed in pieces of `piece` bytes: the text out, or the error. */
async function gunzip(bytes: Uint8Array, piece = 16 * 1024): Promise<{ text: string } | { error: unknown }> {
  const parts: Uint8Array[] = [];
  const inflater = new PlatformGunzip((data) => parts.push(data.slice()));
  try {
    for (let i = 0; i < bytes.length; i += piece) await inflater.push(bytes.subarray(i, i + piece));
    await inflater.finish();
    return { text: new TextDecoder().decode(join(...parts)) };
  } catch (error) {
    return { error };
  }
}

/** Asserts that gunzipping `bytes` fails with the platform's reason. */
async function expectRefused(bytes: Uint8Array): Promise<void> {
  const result = await gunzip(bytes);
  expect(result).not.toHaveProperty('text');
  const error = (result as { error: unknown }).error;
  expect(error).toBeInstanceOf(GunzipError);
  expect((error as GunzipError).message).not.toBe('');
}

describe('PlatformGunzip', () => {
  it('gives back what was gzipped, whatever the size of the pieces pushed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 3_000 }), fc.integer({ min: 1, max: 4_096 }), async (s, piece) => {
        expect(await gunzip(gz(s), piece)).toEqual({ text: s });
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a second gzip member, even where the platform reads one', async () => {
    await expectRefused(join(gz('{"a":1}\n'), gz('{"b":2}\n')));
  });

  it('refuses bytes after the member', async () => {
    await expectRefused(join(gz('{"a":1}\n'), text('junk!!!!')));
    await expectRefused(join(gz('{"a":1}\n'), new Uint8Array(4)));
  });

  it('refuses a member cut short, or one whose checksum does not match', async () => {
    const whole = gz('{"a":1}\n'.repeat(50));
    await expectRefused(whole.subarray(0, whole.length - 3));
    await expectRefused(whole.subarray(0, 12));
    const crc = whole.slice();
    crc[crc.length - 6] = (crc[crc.length - 6] ?? 0) ^ 1;
    await expectRefused(crc);
  });

  it('refuses what is not gzip at all, and nothing', async () => {
    await expectRefused(text('{"a":1}\n'));
    await expectRefused(new Uint8Array(0));
  });

  it('stops at the first exception of the receiver and throws it, inflating nothing more', async () => {
    const refusal = new Error('too much');
    let seen = 0;
    const inflater = new PlatformGunzip((data) => {
      seen += data.length;
      throw refusal;
    });
    const bomb = new Uint8Array(gzipSync(new Uint8Array(32 * 1024 * 1024)));
    let thrown: unknown = null;
    try {
      for (let i = 0; i < bomb.length; i += 1024) await inflater.push(bomb.subarray(i, i + 1024));
      await inflater.finish();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBe(refusal);
    expect(seen).toBeLessThanOrEqual(64 * 1024);
  });
});
