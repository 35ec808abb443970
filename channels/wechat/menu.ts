/**
 * The Official Account's menu as a YAML file (`npm run wechat -- menu FILE.yaml`), checked against
 * WeChat's limits before it is sent: at most 3 buttons of up to 5 sub-buttons; `click` buttons carry a
 * key (REPAIR, STATUS, HUMAN mean 报修, 查询工单, 人工 to the bot), `view` buttons a URL.
 */
import { parse } from 'yaml';
import { z } from 'zod';

const leaf = z.discriminatedUnion('type', [
  z.object({ type: z.literal('click'), name: z.string().min(1).max(16), key: z.string().min(1).max(128) }),
  z.object({ type: z.literal('view'), name: z.string().min(1).max(16), url: z.url() }),
  z.object({
    type: z.literal('location_select'),
    name: z.string().min(1).max(16),
    key: z.string().min(1).max(128),
  }),
]);
const group = z.object({ name: z.string().min(1).max(8), sub_button: z.array(leaf).min(1).max(5) });
export const menuSchema = z.object({
  button: z
    .array(z.union([leaf, group]))
    .min(1)
    .max(3),
});
export type WechatMenu = z.infer<typeof menuSchema>;

export function parseMenu(yamlText: string): WechatMenu {
  const parsed = menuSchema.safeParse(parse(yamlText));
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'menu'}: ${issue.message}`).join('; '),
    );
  return parsed.data;
}
