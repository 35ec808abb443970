/**
 * Traditional characters customers in Hong Kong, Taiwan and abroad write (電腦開不了機, 印表機卡紙,
 * 還在保固嗎), each with the simplified character our keywords, synonyms, cues and examples are written
 * in. One character for one, so a match in the folded text is a match at the same place in what the
 * customer wrote. Only characters whose simplified form is the same in every word are listed (not 乾/幹,
 * 著, 係); 螢 is 荧 as in 螢幕 (screen).
 */
const TRADITIONAL =
  '電腦機開關無網線螢壞維護號碼買賣時間還嗎麼會們這個來說話請問謝幫對錯沒與為讓給應該樣點種裡裏後從過進運動態費價錢單據發貨' +
  '換顯燈響聲斷連鍵盤擊觸幣寬頻訊資檔備製複復雜難題決處辦區縣廠產業務報紙掃儀錶臺灣筆記憶體驅軟統級測試檢確認識證書門戶帳聯' +
  '繫郵傳熱節週鐘燒異聽見視頭變壓濕氣溫風轉遠遲約預圖標鬆緊長閃亂當經實現際專員師幾隊團邊較滿評訪調講議責賠償訂購錄憑張紅綠' +
  '藍黃塊損傷燙涼靈敗誤選擇項設啟閉鎖遊戲載雲廣東華爾蘋規條則導壽驗萬兩層樓車園場補遞惱憤爛騙訴歡誰麗寫讀擋數庫優貴賬銀鋪親' +
  '媽爺義舊殼幀紀衛環擾塵濾蓋漲馬達隨續繼離內織總結紹撥協羅圍範準況雙絲陽陰腳掛頁顏貼麵廳醫療險階夠嗚爭嚴厲緩盡學習勁館飯臉';
const SIMPLIFIED =
  '电脑机开关无网线荧坏维护号码买卖时间还吗么会们这个来说话请问谢帮对错没与为让给应该样点种里里后从过进运动态费价钱单据发货' +
  '换显灯响声断连键盘击触币宽频讯资档备制复复杂难题决处办区县厂产业务报纸扫仪表台湾笔记忆体驱软统级测试检确认识证书门户账联' +
  '系邮传热节周钟烧异听见视头变压湿气温风转远迟约预图标松紧长闪乱当经实现际专员师几队团边较满评访调讲议责赔偿订购录凭张红绿' +
  '蓝黄块损伤烫凉灵败误选择项设启闭锁游戏载云广东华尔苹规条则导寿验万两层楼车园场补递恼愤烂骗诉欢谁丽写读挡数库优贵账银铺亲' +
  '妈爷义旧壳帧纪卫环扰尘滤盖涨马达随续继离内织总结绍拨协罗围范准况双丝阳阴脚挂页颜贴面厅医疗险阶够呜争严厉缓尽学习劲馆饭脸';

/** Simplified character of each listed traditional one. */
export const TO_SIMPLIFIED: ReadonlyMap<string, string> = new Map(
  [...TRADITIONAL].map((ch, i) => [ch, SIMPLIFIED[i]!]),
);
