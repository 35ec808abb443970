/**
 * `npm run wechat -- qr SERIAL [--product P] [--accepted YYYY-MM-DD] [--create] [--days N]`: the scene
 * string of a device label's QR code (扫码报修), and with --create the QR code itself through the API
 * (permanent, or for N days). `npm run wechat -- menu FILE.yaml`: sets the account's menu. Reads the
 * WECHAT_* settings from the environment; the server's IP must be on the account's allow-list.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ChannelStore } from '../../src/port/channel.js';
import { createWechatApi } from './api.js';
import { parseMenu } from './menu.js';
import { sceneOf } from './scene.js';
import { wechatSetup } from './settings.js';
import { stableToken } from './token.js';

/** The CLI's token lives for the command only (stable_token gives the server's own, unchanged). */
function memoryStore(): ChannelStore {
  const values = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => (values.get(key) as T) ?? null,
    set: async (key, value) => void values.set(key, value),
    async claim(key, value) {
      if (values.has(key)) return false;
      values.set(key, value);
      return true;
    },
    delete: async (key) => void values.delete(key),
  };
}

function apiFrom(env: NodeJS.ProcessEnv) {
  const setup = wechatSetup(env);
  if (!setup.on)
    throw new Error(
      `the WeChat channel is off (${setup.reason}): set WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TOKEN`,
    );
  const store = memoryStore();
  return createWechatApi({
    baseUrl: setup.settings.apiBaseUrl,
    store: () => store,
    now: () => new Date(),
    fetchToken: (raw, force) => stableToken(raw, setup.settings, force),
  });
}

export async function runWechatCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      product: { type: 'string' },
      accepted: { type: 'string' },
      create: { type: 'boolean' },
      days: { type: 'string' },
    },
  });
  const [command, argument] = positionals;
  if (command === 'qr' && argument) {
    const scene = sceneOf({
      serial: argument,
      ...(values.product ? { product: values.product } : {}),
      ...(values.accepted ? { accepted: values.accepted } : {}),
    });
    out(`scene: ${scene}`);
    if (!values.create) return 0;
    const days = values.days ? Number(values.days) : 0;
    const answer = await apiFrom(env).call<{ ticket: string; url: string }>(
      'POST',
      '/cgi-bin/qrcode/create',
      {
        ...(days > 0
          ? { expire_seconds: Math.min(days, 30) * 86_400, action_name: 'QR_STR_SCENE' }
          : { action_name: 'QR_LIMIT_STR_SCENE' }),
        action_info: { scene: { scene_str: scene } },
      },
    );
    out(`url: ${answer.url}`);
    out(`image: https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(answer.ticket)}`);
    return 0;
  }
  if (command === 'menu' && argument) {
    const menu = parseMenu(readFileSync(argument, 'utf8'));
    await apiFrom(env).call('POST', '/cgi-bin/menu/create', menu);
    out(`menu set: ${menu.button.map((button) => button.name).join(' | ')}`);
    return 0;
  }
  out('usage: npm run wechat -- qr SERIAL [--product P] [--accepted YYYY-MM-DD] [--create] [--days N]');
  out('       npm run wechat -- menu FILE.yaml');
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runWechatCli(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`wechat: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
