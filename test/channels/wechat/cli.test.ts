/** `npm run wechat`: a device label's QR code and the account's menu, made through the API stand-in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWechatCli } from '../../../channels/wechat/cli.js';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in.js';

let standIn: WechatStandIn;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  standIn = await startWechatStandIn();
  env = {
    WECHAT_APP_ID: 'wx2c2769f8efd9abc2',
    WECHAT_APP_SECRET: 's',
    WECHAT_TOKEN: 'spamtest',
    WECHAT_API_BASE_URL: standIn.url,
  };
});
afterAll(async () => standIn.close());

async function run(...argv: string[]) {
  const lines: string[] = [];
  const code = await runWechatCli(argv, env, (line) => lines.push(line));
  return { code, lines };
}

describe('npm run wechat', () => {
  it('qr prints the scene, and with --create makes a permanent QR code of it', async () => {
    const { code, lines } = await run('qr', 'CNB7REC123', '--product', 'printer', '--create');
    expect(code).toBe(0);
    expect(lines[0]).toBe('scene: repair:CNB7REC123:printer');
    const created = standIn.requests.find((r) => r.path === '/cgi-bin/qrcode/create')!;
    expect(created.body).toEqual({
      action_name: 'QR_LIMIT_STR_SCENE',
      action_info: { scene: { scene_str: 'repair:CNB7REC123:printer' } },
    });
    expect(lines.at(-1)).toMatch(/^image: https:\/\/mp\.weixin\.qq\.com\/cgi-bin\/showqrcode\?ticket=/);
  });

  it('menu sets the example menu; a wrong one is refused before anything is sent', async () => {
    const { code, lines } = await run('menu', 'channels/wechat/menu.example.yaml');
    expect([code, lines]).toEqual([0, ['menu set: 报修 | 查询工单 | 人工客服']]);
    const sent = standIn.requests.filter((r) => r.path === '/cgi-bin/menu/create');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.button).toHaveLength(3);
    await expect(run('menu', 'package.json')).rejects.toThrow(/button/);
    expect((await run('nonsense')).code).toBe(2);
  });
});
