/**
 * Hand-maintained corrections to the generated GB/T 2260 table.
 *
 * RETIRED_REGIONS: codes that are no longer current but still appear on older
 * records (resident IDs keep their birth-registration code for life). The build
 * drops them from the current table; lookups still resolve them with retired: true.
 * Only changes documented by the State Council / Ministry of Civil Affairs
 * approvals are listed; `note` says what replaced them.
 *
 * ADDED_REGIONS: current codes missing from the source package.
 */
export interface RegionOverride {
  code: string;
  name: string;
  note: string;
}

export const RETIRED_REGIONS: readonly RegionOverride[] = [
  { code: '110103', name: '崇文区', note: '2010 merged into 东城区 110101' },
  { code: '110104', name: '宣武区', note: '2010 merged into 西城区 110102' },
  { code: '110228', name: '密云县', note: '2015 became 密云区 110118' },
  { code: '110229', name: '延庆县', note: '2015 became 延庆区 110119' },
  { code: '120221', name: '宁河县', note: '2015 became 宁河区 120117' },
  { code: '120223', name: '静海县', note: '2015 became 静海区 120118' },
  { code: '120225', name: '蓟县', note: '2016 became 蓟州区 120119' },
  { code: '310103', name: '卢湾区', note: '2011 merged into 黄浦区 310101' },
  { code: '310108', name: '闸北区', note: '2015 merged into 静安区 310106' },
  { code: '310230', name: '崇明县', note: '2016 became 崇明区 310151' },
  { code: '320103', name: '白下区', note: '2013 merged into 秦淮区 320104' },
  { code: '320107', name: '下关区', note: '2013 merged into 鼓楼区 320106' },
  { code: '330103', name: '下城区', note: '2021 merged into 拱墅区 330105' },
  { code: '330104', name: '江干区', note: '2021 split between 上城区 330102 and 钱塘区 330114' },
  { code: '341400', name: '巢湖市', note: '2011 prefecture abolished; 居巢区 became county-level 巢湖市 340181' },
  { code: '341402', name: '居巢区', note: '2011 became 巢湖市 340181 under 合肥市' },
  { code: '350402', name: '梅列区', note: '2021 merged with 三元区 into 三元区 350404' },
  { code: '350403', name: '三元区', note: '2021 re-established as 三元区 350404' },
  { code: '350427', name: '沙县', note: '2021 became 沙县区 350405' },
  { code: '350625', name: '长泰县', note: '2021 became 长泰区 350605' },
  { code: '350681', name: '龙海市', note: '2021 became 龙海区 350604' },
  { code: '370634', name: '长岛县', note: '2020 merged with 蓬莱市 into 蓬莱区 370614' },
  { code: '410306', name: '吉利区', note: '2021 merged with 孟津县 into 孟津区 410308' },
  { code: '410322', name: '孟津县', note: '2021 became 孟津区 410308' },
  { code: '410381', name: '偃师市', note: '2021 became 偃师区 410307' },
  { code: '431121', name: '祁阳县', note: '2021 became 祁阳市 431181' },
  { code: '450127', name: '横县', note: '2021 became 横州市 450181' },
  { code: '460321', name: '西沙群岛', note: '2020 replaced by 西沙区' },
  { code: '460322', name: '南沙群岛', note: '2020 replaced by 南沙区' },
  { code: '460323', name: '中沙群岛的岛礁及其海域', note: '2020 placed under 西沙区' },
  { code: '510122', name: '双流县', note: '2015 became 双流区 510116' },
  { code: '510124', name: '郫县', note: '2016 became 郫都区 510117' },
  { code: '510132', name: '新津县', note: '2020 became 新津区 510118' },
  { code: '513425', name: '会理县', note: '2021 became 会理市 513402' },
  { code: '520522', name: '黔西县', note: '2021 became 黔西市 520581' },
  { code: '532331', name: '禄丰县', note: '2021 became 禄丰市 532302' },
  { code: '540422', name: '米林县', note: '2023 became 米林市 540481' },
  { code: '540530', name: '错那县', note: '2023 became 错那市 540581' },
  { code: '610322', name: '凤翔县', note: '2021 became 凤翔区 610305' },
  { code: '610928', name: '旬阳县', note: '2021 became 旬阳市 610981' },
  { code: '654223', name: '沙湾县', note: '2021 became 沙湾市 654203' },
];

export const ADDED_REGIONS: readonly RegionOverride[] = [
  { code: '460302', name: '西沙区', note: '2020, 三沙市' },
  { code: '460303', name: '南沙区', note: '2020, 三沙市' },
  { code: '540481', name: '米林市', note: '2023, formerly 米林县 540422' },
  { code: '540581', name: '错那市', note: '2023, formerly 错那县 540530' },
];
