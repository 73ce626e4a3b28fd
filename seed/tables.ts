// Reference tables that only the synthetic city needs. Like domain/names.ts
// they approximate reality to make the data look right; they are not statistics.

/**
 * Chengdu's county-level units: approximate resident population in units of
 * 10,000 (7th census, high-tech zone and Tianfu New Area folded into their
 * host districts) and real subdistricts (街道) or towns (镇) of each.
 */
export const CHENGDU_DISTRICT_PROFILES: Readonly<Record<string, { population: number; subdistricts: readonly string[] }>> = {
  '510104': { population: 90, subdistricts: ['春熙路街道', '书院街街道', '合江亭街道', '水井坊街道', '牛市口街道', '龙舟路街道', '双桂路街道', '莲新街道', '沙河街道', '东光街道', '狮子山街道', '成龙路街道', '柳江街道', '三圣街道'] },
  '510105': { population: 96, subdistricts: ['督院街街道', '西御河街道', '汪家拐街道', '少城街道', '草市街街道', '金沙街道', '黄田坝街道', '府南街道', '光华街道', '苏坡街道', '文家街道', '蔡桥街道', '康河街道'] },
  '510106': { population: 127, subdistricts: ['西安路街道', '西华街道', '人民北路街道', '荷花池街道', '驷马桥街道', '茶店子街道', '抚琴街道', '九里堤街道', '五块石街道', '黄忠街道', '营门口街道', '金泉街道', '沙河源街道', '天回镇街道', '凤凰山街道'] },
  '510107': { population: 120, subdistricts: ['浆洗街街道', '望江路街道', '玉林街道', '跳伞塔街道', '火车南站街道', '双楠街道', '晋阳街道', '红牌楼街道', '簇桥街道', '机投桥街道', '金花桥街道', '簇锦街道', '华兴街道', '芳草街道', '石羊街道', '桂溪街道'] },
  '510108': { population: 138, subdistricts: ['猛追湾街道', '双桥子街道', '府青路街道', '二仙桥街道', '跳蹬河街道', '建设路街道', '万年场街道', '白莲池街道', '龙潭街道', '保和街道', '青龙街道', '双水碾街道'] },
  '510112': { population: 135, subdistricts: ['龙泉街道', '大面街道', '十陵街道', '同安街道', '东安街道', '柏合街道', '洛带镇', '西河街道', '洪安镇', '山泉镇'] },
  '510113': { population: 49, subdistricts: ['大弯街道', '大同街道', '弥牟镇', '城厢镇', '姚渡镇', '清泉镇', '福洪镇'] },
  '510114': { population: 156, subdistricts: ['新都街道', '大丰街道', '三河街道', '斑竹园街道', '桂湖街道', '新繁街道', '石板滩街道', '清流镇', '军屯镇', '马家镇'] },
  '510115': { population: 97, subdistricts: ['柳城街道', '公平街道', '涌泉街道', '天府街道', '金马街道', '和盛镇', '寿安镇', '万春镇'] },
  '510116': { population: 147, subdistricts: ['东升街道', '西航港街道', '九江街道', '黄甲街道', '公兴街道', '协和街道', '彭镇', '黄水镇', '永安镇', '黄龙溪镇'] },
  '510117': { population: 139, subdistricts: ['郫筒街道', '犀浦街道', '红光街道', '安靖街道', '团结街道', '德源街道', '友爱镇', '安德街道', '三道堰镇', '唐昌镇', '古城镇'] },
  '510118': { population: 36, subdistricts: ['五津街道', '花源街道', '花桥街道', '兴义镇', '安西镇', '宝墩镇', '永商镇'] },
  '510121': { population: 80, subdistricts: ['赵镇街道', '淮口街道', '官仓街道', '栖贤街道', '白果街道', '五凤镇', '竹篙镇', '高板街道'] },
  '510129': { population: 52, subdistricts: ['晋原街道', '安仁镇', '王泗镇', '新场镇', '悦来镇', '出江镇', '花水湾镇', '西岭镇', '斜源镇'] },
  '510131': { population: 26, subdistricts: ['鹤山街道', '大塘镇', '寿安街道', '朝阳湖镇', '西来镇', '大兴镇', '甘溪镇', '成佳镇'] },
  '510181': { population: 71, subdistricts: ['灌口街道', '幸福街道', '银杏街道', '奎光塔街道', '玉堂街道', '青城山镇', '聚源镇', '天马镇', '崇义镇', '石羊镇', '蒲阳街道', '龙池镇'] },
  '510182': { population: 78, subdistricts: ['天彭街道', '致和街道', '隆丰街道', '丽春镇', '九尺镇', '濛阳街道', '桂花镇', '丹景山镇', '龙门山镇', '白鹿镇', '通济镇'] },
  '510183': { population: 60, subdistricts: ['临邛街道', '文君街道', '固驿街道', '羊安街道', '牟礼街道', '桑园镇', '平乐镇', '夹关镇', '火井镇', '天台山镇'] },
  '510184': { population: 74, subdistricts: ['崇阳街道', '羊马街道', '三江街道', '江源街道', '大划街道', '元通镇', '怀远镇', '街子镇', '白头镇', '道明镇'] },
  '510185': { population: 112, subdistricts: ['简城街道', '射洪坝街道', '河东新区街道', '东溪街道', '石桥街道', '三星镇', '禾丰镇', '石盘街道', '平泉街道', '养马街道'] },
};

/** Subdistrict stems for cities without a profile above. */
export const GENERIC_SUBDISTRICTS: readonly string[] = [
  '城关街道', '新华街道', '东城街道', '西城街道', '南街街道', '北街街道', '人民路街道', '解放路街道', '建设街道', '和平街道',
];

/**
 * Share of residents by five-year age band (0-4, 5-9, ... 95-99) at the
 * reference date. Registered residents follow the city's census pyramid;
 * floating residents are concentrated in working ages.
 */
export const REGISTERED_AGE_BANDS: readonly number[] = [
  4.2, 4.7, 4.4, 4.0, 5.6, 7.6, 10.0, 8.6, 7.2, 7.9, 8.0, 6.5, 5.3, 5.3, 3.9, 2.2, 1.4, 0.8, 0.3, 0.1,
];
export const FLOATING_AGE_BANDS: readonly number[] = [
  2.0, 2.5, 2.5, 3.0, 14.0, 17.0, 15.0, 12.0, 9.0, 8.0, 6.0, 4.0, 2.5, 1.5, 0.7, 0.3, 0.1, 0.05, 0.02, 0.01,
];

/** Roads for household addresses in other cities. */
export const GENERIC_ROADS: readonly string[] = [
  '人民路', '解放路', '建设路', '中山路', '新华路', '胜利路', '和平路', '文化路', '长江路', '滨江路',
  '光明路', '团结路', '朝阳路', '东风路', '五一路', '学府路', '青年路', '北京路', '幸福路', '工农路',
];

/** Stems of rural towns and villages for household addresses of migrants. */
export const TOWN_STEMS: readonly string[] = [
  '新华', '永兴', '太平', '石桥', '清河', '白马', '龙泉', '青山', '双河', '金龙',
  '高桥', '三合', '长乐', '红旗', '兴隆', '和平', '安乐', '五星', '大石', '新民',
  '黄桷', '观音', '回龙', '桥亭', '柏林', '马鞍', '凤凰', '天池', '鹤林', '龙台',
];
export const VILLAGE_STEMS: readonly string[] = [
  '先锋', '光明', '胜利', '红星', '联合', '团结', '东风', '新建', '向阳', '幸福',
  '金星', '龙井', '石板', '竹林', '桂花', '河坝', '水井', '松林', '堰塘', '杨柳',
  '高石', '大坪', '茶园', '沙湾', '双龙', '金竹', '明月', '花园', '红岩', '青杠',
];

/** Mainland mobile prefixes in use, weighted toward the large carriers' older ranges. */
export const MOBILE_PREFIXES: readonly (readonly [string, number])[] = [
  ['130', 4], ['131', 4], ['132', 4], ['133', 3], ['134', 3], ['135', 6], ['136', 6], ['137', 5], ['138', 7], ['139', 7],
  ['150', 4], ['151', 4], ['152', 3], ['153', 2], ['155', 3], ['156', 3], ['157', 2], ['158', 4], ['159', 4],
  ['166', 1], ['173', 1], ['176', 1], ['177', 2], ['178', 1],
  ['180', 3], ['181', 3], ['182', 3], ['183', 3], ['184', 1], ['185', 2], ['186', 3], ['187', 3], ['188', 3], ['189', 3],
  ['191', 1], ['198', 2], ['199', 2],
];

/** Two-character brand stems for company names: combinations of these read like real firms. */
export const BRAND_CHARS: readonly string[] = [
  ...'蓉锦天府蜀川华信达通新宏瑞丰盛鑫恒嘉泰博远启智创优佳力和安康源景润德兴隆昌泽辉明汇银浩宇晟弘诚润祥',
];

/**
 * GB/T 4754 section name (as in INDUSTRIES), relative share of employers in a
 * large city, and the business descriptions its company names carry.
 */
export const INDUSTRY_PROFILES: readonly (readonly [string, number, readonly string[]])[] = [
  ['农、林、牧、渔业', 1, ['农业科技', '生态农业', '花木']],
  ['采矿业', 0.3, ['矿业']],
  ['制造业', 12, ['机械制造', '电子科技', '食品', '制药', '服饰', '家具', '汽车零部件']],
  ['电力、热力、燃气及水生产和供应业', 0.7, ['能源', '燃气', '供水']],
  ['建筑业', 8, ['建筑工程', '建设工程', '装饰工程', '市政工程']],
  ['批发和零售业', 22, ['商贸', '贸易', '超市', '医药连锁', '商业']],
  ['交通运输、仓储和邮政业', 5, ['物流', '运输', '供应链管理', '快递']],
  ['住宿和餐饮业', 10, ['餐饮管理', '酒店管理', '火锅', '餐饮']],
  ['信息传输、软件和信息技术服务业', 9, ['科技', '信息技术', '网络科技', '软件', '数据科技']],
  ['金融业', 1.5, ['投资管理', '融资担保', '金融服务外包']],
  ['房地产业', 4, ['房地产开发', '物业管理', '房地产经纪']],
  ['租赁和商务服务业', 10, ['商务咨询', '人力资源', '企业管理', '广告']],
  ['科学研究和技术服务业', 5, ['检测技术', '工程设计', '生物科技', '环境科技']],
  ['水利、环境和公共设施管理业', 1, ['环保科技', '园林绿化', '环境治理']],
  ['居民服务、修理和其他服务业', 5, ['家政服务', '汽车维修', '美容美发', '洗涤服务']],
  ['教育', 2.5, ['教育咨询', '培训', '教育科技']],
  ['卫生和社会工作', 1.5, ['医疗管理', '健康管理', '养老服务']],
  ['文化、体育和娱乐业', 2, ['文化传播', '体育发展', '传媒', '影视']],
  ['公共管理、社会保障和社会组织', 0.5, ['社会工作服务中心']],
  ['国际组织', 0, ['']],
];

/** Categories of key persons (重点人员) and the reasons recorded for them. */
export const KEY_PERSON_CATEGORIES: readonly (readonly [string, number, readonly string[]])[] = [
  ['社区矫正人员', 30, ['判处缓刑，依法实行社区矫正', '假释期间接受社区矫正', '暂予监外执行']],
  ['刑满释放人员', 30, ['刑满释放后安置帮教期内', '因盗窃罪服刑期满释放', '因诈骗罪服刑期满释放']],
  ['吸毒人员', 15, ['社区戒毒期间', '社区康复期间', '强制隔离戒毒解除后三年内']],
  ['严重精神障碍患者', 15, ['经诊断的严重精神障碍患者，纳入社区管理', '有肇事肇祸风险，需定期随访']],
  ['重点上访人员', 10, ['多次越级信访', '长期反映同一问题']],
];

/** Medical institutions of the city that are not tied to one district. */
export const CITY_HOSPITALS: readonly string[] = [
  '四川大学华西医院', '四川省人民医院', '成都市第一人民医院', '成都市第二人民医院', '成都市第三人民医院', '成都市第五人民医院',
];
export const CITY_MATERNITY_HOSPITALS: readonly string[] = [
  '四川大学华西第二医院', '成都市妇女儿童中心医院', '四川省妇幼保健院',
];

/**
 * The national immunisation schedule for young children, as (vaccine, dose,
 * age in days when it falls due), in the order a child receives them.
 */
export const CHILD_SCHEDULE: readonly (readonly [string, number, number])[] = [
  ['乙肝疫苗', 1, 0],
  ['卡介苗', 1, 0],
  ['乙肝疫苗', 2, 30],
  ['脊灰疫苗', 1, 60],
  ['脊灰疫苗', 2, 90],
  ['百白破疫苗', 1, 90],
  ['百白破疫苗', 2, 120],
  ['脊灰疫苗', 3, 120],
  ['百白破疫苗', 3, 150],
  ['乙肝疫苗', 3, 180],
  ['流脑疫苗', 1, 180],
  ['麻腮风疫苗', 1, 240],
  ['乙脑疫苗', 1, 240],
  ['流脑疫苗', 2, 270],
  ['甲肝疫苗', 1, 540],
  ['百白破疫苗', 4, 540],
  ['麻腮风疫苗', 2, 540],
  ['乙脑疫苗', 2, 730],
  ['流脑疫苗', 3, 1095],
  ['脊灰疫苗', 4, 1460],
];

/** Days after the due date within which a scheduled dose is given. */
export const SCHEDULE_SLACK_DAYS = 14;
