/** WeChat's message encryption against the platform's own documented samples, and its refusals. */
import { describe, expect, it } from 'vitest';
import {
  aesKeyOf,
  decryptMessage,
  encryptMessage,
  WechatCryptoError,
  wechatSignature,
} from '../../../channels/wechat/crypto.js';
import { deviceOfScene, sceneOf } from '../../../channels/wechat/scene.js';
import { parseWechatXml } from '../../../channels/wechat/xml.js';

/** The Official Account sample of WeChat's encryption guide (消息加解密接入指引). */
const OA = {
  token: 'spamtest',
  key: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};

/** The WeCom (企业微信) sample of the same scheme, where the receiver is a corp id. */
const WECOM = {
  token: 'QDG6eK',
  key: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
  timestamp: '1409659813',
  nonce: '1372623149',
  msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};

describe('wechat crypto: the documented samples', () => {
  it('the Official Account sample: signature and plaintext', () => {
    expect(wechatSignature(OA.token, OA.timestamp, OA.nonce, OA.encrypt)).toBe(OA.msgSignature);
    const fields = parseWechatXml(decryptMessage(aesKeyOf(OA.key), OA.encrypt, OA.appId));
    expect(fields).toMatchObject({
      ToUserName: 'gh_10f6c3c3ac5a',
      FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      MsgType: 'text',
      Content: 'abcdteT',
      MsgId: '6054768590064713728',
    });
  });

  it('the WeCom sample: signature and plaintext for the corp id', () => {
    expect(wechatSignature(WECOM.token, WECOM.timestamp, WECOM.nonce, WECOM.encrypt)).toBe(
      WECOM.msgSignature,
    );
    const fields = parseWechatXml(decryptMessage(aesKeyOf(WECOM.key), WECOM.encrypt, WECOM.corpId));
    expect(fields).toMatchObject({ Content: 'hello', MsgId: '4561255354251345929', AgentID: '218' });
  });

  it('refuses a message for another app, and a wrong key (bad padding), instead of returning garbage', () => {
    expect(() => decryptMessage(aesKeyOf(OA.key), OA.encrypt, 'wx0000000000000000')).toThrow(/not wx0000/);
    expect(() => decryptMessage(aesKeyOf(WECOM.key), OA.encrypt, OA.appId)).toThrow(WechatCryptoError);
    expect(() => decryptMessage(aesKeyOf(OA.key), 'not base64 at all', OA.appId)).toThrow(WechatCryptoError);
  });

  it('encrypts what it decrypts, padded to 32 bytes, Chinese counted in bytes', () => {
    const key = aesKeyOf(OA.key);
    const message = '<xml><Content><![CDATA[打印机卡纸]]></Content></xml>';
    const sealed = encryptMessage(key, message, OA.appId);
    expect(Buffer.from(sealed, 'base64').length % 32).toBe(0);
    expect(decryptMessage(key, sealed, OA.appId)).toBe(message);
  });
});

describe('wechat XML', () => {
  it('keeps every value a string (a 15-digit MsgId, leading zeros) and expands no entities', () => {
    const fields = parseWechatXml(
      '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><xml><MsgId>123456789012345</MsgId><Content>&a;0012</Content></xml>',
    );
    expect(fields?.MsgId).toBe('123456789012345');
    expect(fields?.Content).not.toContain('aaaaaaaaaa');
    expect(parseWechatXml('<xml><a>unclosed</xml>')).toBeNull();
    expect(parseWechatXml('not xml')).toBeNull();
  });
});

describe('device QR scenes', () => {
  it('round-trip serial, product and acceptance date within 64 characters', () => {
    const scene = sceneOf({ serial: 'cnb7rec123', product: 'printer', accepted: '2025-10-15' });
    expect(scene).toBe('repair:CNB7REC123:printer:20251015');
    expect(deviceOfScene(`qrscene_${scene}`)).toEqual({
      serial: 'CNB7REC123',
      product: 'printer',
      accepted: '2025-10-15',
    });
    expect(deviceOfScene('repair:CNB7REC123')).toEqual({ serial: 'CNB7REC123' });
    expect(deviceOfScene('promo:summer')).toBeNull();
    expect(() => sceneOf({ serial: 'x' })).toThrow();
  });
});
