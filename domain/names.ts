// Reference tables for generating a plausible synthetic population. Weights
// are relative (they need not sum to anything in particular) and only
// approximate published frequencies; they exist to make the mix look real,
// not to be cited as statistics.

/** Surname and approximate share per 10,000 people, most common first. */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 712], ['李', 694], ['张', 674], ['刘', 510], ['陈', 461],
  ['杨', 322], ['黄', 245], ['赵', 229], ['吴', 205], ['周', 193],
  ['徐', 158], ['孙', 149], ['马', 143], ['朱', 132], ['胡', 131],
  ['郭', 115], ['何', 112], ['林', 107], ['高', 106], ['罗', 103],
  ['郑', 93], ['梁', 90], ['谢', 80], ['宋', 75], ['唐', 73],
  ['许', 70], ['韩', 68], ['冯', 66], ['邓', 65], ['曹', 62],
  ['彭', 61], ['曾', 59], ['肖', 57], ['田', 55], ['董', 53],
  ['袁', 52], ['潘', 51], ['于', 50], ['蒋', 49], ['蔡', 48],
  ['余', 47], ['杜', 46], ['叶', 45], ['程', 44], ['苏', 43],
  ['魏', 42], ['吕', 41], ['丁', 40], ['任', 39], ['沈', 38],
  ['姚', 37], ['卢', 36], ['姜', 35], ['崔', 34], ['钟', 33],
  ['谭', 32], ['陆', 31], ['汪', 30], ['范', 29], ['金', 28],
  ['石', 27], ['廖', 27], ['贾', 26], ['夏', 26], ['韦', 25],
  ['付', 25], ['方', 24], ['白', 24], ['邹', 23], ['孟', 23],
  ['熊', 22], ['秦', 22], ['邱', 21], ['江', 21], ['尹', 20],
  ['薛', 20], ['闫', 19], ['段', 19], ['雷', 18], ['侯', 18],
  ['龙', 17], ['史', 17], ['陶', 16], ['黎', 16], ['贺', 15],
  ['顾', 15], ['毛', 14], ['郝', 14], ['龚', 14], ['邵', 13],
  ['万', 13], ['钱', 13], ['严', 12], ['覃', 12], ['武', 12],
  ['戴', 11], ['莫', 11], ['孔', 11], ['向', 10], ['汤', 10],
];

/** Characters common in given names, roughly male-typical first, then female-typical, then neutral. */
export const GIVEN_NAME_CHARS: readonly string[] = [
  ...'伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建亮成峰国志文海东晨博昊然睿轩泽皓宏彬兵力永新德福贵生祥荣昌兴发全金根山松柏云江川豪毅鸿振卫立坤晖琦翔骏锋耀康乐天逸辰扬哲铭航源彦钧恒泰嘉奇瑞',
  ...'芳娜敏静丽艳娟秀霞桂英玉兰红梅琳燕萍雪慧婷倩颖丹莉洁佳玲蓉薇雯怡欣悦琪璐瑶露晶晓月茜珊菲媛蕾岚莹妍婧诗雨涵萱梦思彤馨可淑珍凤琴青素菊翠珠花美爱惠巧芬芝蓓婉晴清冰韵曼娅菁雅舒心语',
  ...'一子家小春秋冬夏安若以之书昕朝远长宗正光世学承忠',
];

/**
 * The 56 officially recognised nationalities in the official order, with
 * weights per 100,000. Han is about 91% nationally; 彝, 藏 and 羌 are
 * weighted up because Sichuan is home to most of China's Yi, many Tibetans
 * and almost all Qiang.
 */
export const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['汉族', 91000],
  ['蒙古族', 200],
  ['回族', 500],
  ['藏族', 2000],
  ['维吾尔族', 200],
  ['苗族', 400],
  ['彝族', 3000],
  ['壮族', 300],
  ['布依族', 100],
  ['朝鲜族', 50],
  ['满族', 300],
  ['侗族', 100],
  ['瑶族', 100],
  ['白族', 100],
  ['土家族', 400],
  ['哈尼族', 50],
  ['哈萨克族', 50],
  ['傣族', 50],
  ['黎族', 50],
  ['傈僳族', 40],
  ['佤族', 20],
  ['畲族', 20],
  ['高山族', 2],
  ['拉祜族', 20],
  ['水族', 20],
  ['东乡族', 20],
  ['纳西族', 40],
  ['景颇族', 10],
  ['柯尔克孜族', 10],
  ['土族', 10],
  ['达斡尔族', 10],
  ['仫佬族', 10],
  ['羌族', 600],
  ['布朗族', 5],
  ['撒拉族', 5],
  ['毛南族', 5],
  ['仡佬族', 30],
  ['锡伯族', 10],
  ['阿昌族', 3],
  ['普米族', 5],
  ['塔吉克族', 3],
  ['怒族', 3],
  ['乌孜别克族', 1],
  ['俄罗斯族', 1],
  ['鄂温克族', 2],
  ['德昂族', 2],
  ['保安族', 2],
  ['裕固族', 1],
  ['京族', 2],
  ['塔塔尔族', 1],
  ['独龙族', 1],
  ['鄂伦春族', 1],
  ['赫哲族', 1],
  ['门巴族', 1],
  ['珞巴族', 1],
  ['基诺族', 2],
];

/**
 * The ethnicity a register may hold (GB 3304-1991): the 56 recognised ethnic
 * groups, then 其他 (code 97, "other", e.g. an unrecognised group) and
 * 外国血统中国籍人士 (code 98, a naturalised citizen of foreign descent).
 */
export const ETHNIC_GROUPS: readonly string[] = [...ETHNICITIES.map(([name]) => name), '其他', '外国血统中国籍人士'];

/** GB/T 4754-2017 sections: letter and Chinese name. */
export const INDUSTRY_SECTIONS: readonly (readonly [string, string])[] = [
  ['A', '农、林、牧、渔业'],
  ['B', '采矿业'],
  ['C', '制造业'],
  ['D', '电力、热力、燃气及水生产和供应业'],
  ['E', '建筑业'],
  ['F', '批发和零售业'],
  ['G', '交通运输、仓储和邮政业'],
  ['H', '住宿和餐饮业'],
  ['I', '信息传输、软件和信息技术服务业'],
  ['J', '金融业'],
  ['K', '房地产业'],
  ['L', '租赁和商务服务业'],
  ['M', '科学研究和技术服务业'],
  ['N', '水利、环境和公共设施管理业'],
  ['O', '居民服务、修理和其他服务业'],
  ['P', '教育'],
  ['Q', '卫生和社会工作'],
  ['R', '文化、体育和娱乐业'],
  ['S', '公共管理、社会保障和社会组织'],
  ['T', '国际组织'],
];

export const INDUSTRIES: readonly string[] = INDUSTRY_SECTIONS.map(([, name]) => name);

/** Real or realistic Chengdu street and road names, for synthetic addresses. */
export const STREET_NAMES: readonly string[] = [
  '人民南路', '人民北路', '人民中路', '人民东路', '人民西路',
  '天府大道', '红星路', '春熙路', '蜀都大道', '一环路',
  '二环路', '三环路', '建设路', '建设北路', '玉林路',
  '科华北路', '科华中路', '武侯祠大街', '琴台路', '青华路',
  '东大街', '总府路', '顺城大街', '太升南路', '提督街',
  '红照壁街', '望江路', '致民路', '新南路', '芳草街',
  '神仙树南路', '天府二街', '天府三街', '天府五街', '益州大道',
  '剑南大道', '交子大道', '锦城大道', '府城大道', '蜀汉路',
  '蜀西路', '光华大道', '抚琴路', '营门口路', '沙湾路',
  '驷马桥路', '府青路', '双林路', '猛追湾街', '东风路',
  '双桥路', '成龙大道', '高升桥路', '少陵路', '永丰路',
  '倪家桥路', '桐梓林北路', '玉双路', '华兴街', '大慈寺路',
  '水碾河路', '商业街', '长顺上街', '金河路', '同仁路',
  '草市街', '青龙街',
];

/**
 * Vaccines routinely recorded for residents. The first nine are covered by the
 * national immunisation programme (free, schedule-driven); the rest are
 * voluntary or campaign vaccines.
 */
export const VACCINES: readonly string[] = [
  '乙肝疫苗',
  '卡介苗',
  '脊灰疫苗',
  '百白破疫苗',
  '白破疫苗',
  '麻腮风疫苗',
  '乙脑疫苗',
  '流脑疫苗',
  '甲肝疫苗',
  '新冠病毒疫苗',
  '流感疫苗',
  '水痘疫苗',
  '肺炎球菌疫苗',
  'Hib疫苗',
  '轮状病毒疫苗',
  'EV71疫苗',
  'HPV疫苗',
  '狂犬病疫苗',
  '带状疱疹疫苗',
  '出血热疫苗',
];

export const IMMUNISATION_PROGRAMME_VACCINES: readonly string[] = VACCINES.slice(0, 9);

export const POSITIONS: readonly string[] = [
  '总经理', '经理', '副经理', '店长', '主管',
  '会计', '出纳', '文员', '行政专员', '人事专员',
  '前台', '客服专员', '销售代表', '销售经理', '导购员',
  '收银员', '软件工程师', '测试工程师', '产品经理', '设计师',
  '技术员', '质检员', '操作工', '装配工', '仓库管理员',
  '司机', '快递员', '外卖骑手', '厨师', '服务员',
  '保安', '保洁员', '电工', '焊工', '钢筋工',
  '木工', '泥瓦工', '教师', '护士', '医生',
  '药剂师', '律师', '美发师',
];
