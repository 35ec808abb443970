/**
 * WeChat's callback security, shared by the Official Account and WeCom customer service: the SHA-1
 * signature over the sorted token, timestamp, nonce (and ciphertext), and the AES-256-CBC message
 * encryption of WeChat's "safe mode" (消息加解密): key = base64(EncodingAESKey + '='), IV = its first
 * 16 bytes, plaintext = 16 random bytes + uint32 big-endian length + message + app id (corp id),
 * PKCS#7-padded to a multiple of 32 bytes. Written on node:crypto so the padding and the app id are
 * checked (a wrong key must fail, not return garbage).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BLOCK = 32;

/** WeChat's signature: SHA-1 of the parts sorted as strings and joined. */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Compares a signature from a request with the expected one in constant time. */
export function signatureMatches(given: string | undefined, expected: string): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given.toLowerCase()), Buffer.from(expected));
}

export class WechatCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatCryptoError';
  }
}

/** The AES key of an EncodingAESKey (43 characters of base64 without its '='). */
export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32)
    throw new WechatCryptoError('the EncodingAESKey must be 43 letters and digits');
  return key;
}

/** Decrypts an `Encrypt` value; throws unless the padding is right and the message is for `appId`. */
export function decryptMessage(key: Buffer, ciphertext: string, appId: string): string {
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(ciphertext, 'base64'), decipher.final()]);
  } catch {
    throw new WechatCryptoError('the ciphertext cannot be decrypted');
  }
  const pad = plain.at(-1) ?? 0;
  if (plain.length < 20 + pad || pad < 1 || pad > BLOCK || plain.subarray(-pad).some((b) => b !== pad))
    throw new WechatCryptoError('the decrypted message has no valid padding (wrong EncodingAESKey?)');
  const body = plain.subarray(16, plain.length - pad);
  const length = body.readUInt32BE(0);
  if (length > body.length - 4) throw new WechatCryptoError('the decrypted message length is wrong');
  const receiver = body.subarray(4 + length).toString('utf8');
  if (receiver !== appId)
    throw new WechatCryptoError(`the message is for ${receiver.slice(0, 40) || 'nobody'}, not ${appId}`);
  return body.subarray(4, 4 + length).toString('utf8');
}

/** Encrypts a message for `appId` (a passive reply in safe mode, a test's callback). */
export function encryptMessage(key: Buffer, message: string, appId: string, random = randomBytes(16)) {
  const text = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length, 0);
  const body = Buffer.concat([random, length, text, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (body.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([body, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}
