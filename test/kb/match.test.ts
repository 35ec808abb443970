import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import { matchRemoteFix } from '../../src/kb/match.js';

const kb = loadKnowledgeBase(fileURLToPath(new URL('../../flows/kb', import.meta.url)));

/** Real customer phrasings → the entry that must come first (null: no suggestion at all). */
const phrasings: Array<[text: string, expected: string | null, category?: string]> = [
  // Chinese
  ['打印机卡纸了', 'printer_paper_jam'],
  ['电脑蓝屏了', 'pc_blue_screen'],
  ['笔记本开不了机，按电源没反应', 'laptop_no_power'],
  ['ThinkPad 开机黑屏，但是风扇在转', 'laptop_no_display'],
  ['笔记本插着电源但是不充电', 'laptop_battery_not_charging'],
  ['笔记本很烫，风扇声音很大', 'laptop_overheating'],
  ['电脑很卡，打开软件要好久', 'pc_slow_performance'],
  ['笔记本连不上wifi了', 'pc_wifi_down'],
  ['键盘有几个键按了没反应', 'pc_keyboard_not_working'],
  ['台式机开机一直滴滴响，不显示', 'desktop_beeps_no_boot'],
  ['显示器显示无信号', 'monitor_no_signal'],
  ['显示器一直闪屏', 'monitor_flickering'],
  ['打印机显示脱机，打印没反应', 'printer_offline'],
  ['打印出来是白纸', 'printer_print_quality'],
  ['换了新电脑，打印机驱动装不上', 'printer_driver'],
  ['扫描仪扫描不了', 'printer_scanner_not_working'],
  ['服务器硬盘亮黄灯，RAID降级了', 'server_disk_alarm'],
  ['服务器风扇声音很大，温度告警', 'server_overheating_fan'],
  ['全公司都上不了网，光猫LOS灯红色', 'network_internet_down'],
  ['交换机端口灯不亮', 'network_switch_port_down'],
  ['最近网速很慢，经常丢包', 'network_slow'],
  ['电脑开机进不了系统，一直自动修复', 'pc_windows_wont_boot'],
  // English
  ['The printer keeps jamming', 'printer_paper_jam'],
  ['Paper jammed in tray 2', 'printer_paper_jam'],
  ["My ThinkPad won't turn on", 'laptop_no_power'],
  ['Got a BSOD with MEMORY_MANAGEMENT this morning', 'pc_blue_screen'],
  ['server amber light disk', 'server_disk_alarm'],
  ['Printer is offline again', 'printer_offline'],
  ['Laptop is plugged in, not charging', 'laptop_battery_not_charging'],
  ['The monitor says No Signal', 'monitor_no_signal'],
  ['my monitor screen flickers', 'monitor_flickering'],
  ['the screen on my ThinkPad flickers', 'monitor_flickering'],
  ['笔记本风扇有异响', 'laptop_overheating'],
  ['电脑总是自动重启', 'pc_blue_screen'],
  ['PowerEdge R740 PSU amber, redundancy lost', 'server_no_power_psu'],
  ['stuck at "no boot device" after patching', 'server_os_wont_boot', 'server'],
  ['my computer is very slow', 'pc_slow_performance'],
  ['Internet is down for the whole office', 'network_internet_down'],
  ['The access point is offline in the controller', 'network_ap_unreachable'],
  ['switch port link light off', 'network_switch_port_down'],
  ['Wi-Fi keeps disconnecting on my Dell laptop', 'pc_wifi_down'],
  // Nothing to suggest
  ['我想问一下发票', null],
  ['hello', null],
  ['你好', null],
  ["my order hasn't arrived", null],
  ['Can I get an invoice?', null],
  ['', null],
];

describe('matchRemoteFix', () => {
  it.each(phrasings)('%j → %s', (text, expected, category) => {
    const results = matchRemoteFix(kb, text, { category: category ?? null });
    if (expected === null) expect(results).toEqual([]);
    else expect(results[0]?.entry.id).toBe(expected);
  });

  it('reports the keywords it matched, case and inflection aside', () => {
    const [best] = matchRemoteFix(kb, 'PAPER JAMMED again');
    expect(best?.entry.id).toBe('printer_paper_jam');
    expect(best?.matched).toContain('paper jam');
  });

  it('matches English on word boundaries only', () => {
    expect(matchRemoteFix(kb, 'pajamas')).toEqual([]);
    expect(matchRemoteFix(kb, 'I love jamboree')).toEqual([]);
  });

  it('boosts the category the flow passed in', () => {
    const [best] = matchRemoteFix(kb, "it won't turn on", { category: 'desktop' });
    expect(best?.entry.id).toBe('desktop_no_power');
    const [server] = matchRemoteFix(kb, "it won't turn on", { category: 'server' });
    expect(server?.entry.id).toBe('server_no_power_psu');
  });

  it('drops weak matches from other categories', () => {
    expect(matchRemoteFix(kb, '蓝屏', { category: 'printer' })).toEqual([]);
    expect(matchRemoteFix(kb, 'very slow', { category: 'server' })).toEqual([]);
  });

  it('follows a product the customer names over the category passed in', () => {
    const [best] = matchRemoteFix(kb, 'the printer has a paper jam', { category: 'laptop' });
    expect(best?.entry.id).toBe('printer_paper_jam');
  });

  it('honours the limit and orders by score', () => {
    const results = matchRemoteFix(kb, '电脑开不了机', { limit: 5 });
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(5);
    const scores = results.map((result) => result.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(matchRemoteFix(kb, '电脑开不了机', { limit: 1 })).toHaveLength(1);
    expect(matchRemoteFix(kb, '电脑开不了机', { limit: 0 })).toEqual([]);
  });

  it('folds full-width characters', () => {
    expect(matchRemoteFix(kb, 'ＢＳＯＤ')[0]?.entry.id).toBe('pc_blue_screen');
  });
});
