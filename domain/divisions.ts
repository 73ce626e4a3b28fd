// GB/T 2260 administrative division codes: PPCCDD, where PP is the
// provincial-level unit, CC the prefecture-level unit within it and DD the
// county-level unit within that. "00" in a trailing part means "this code
// names the unit above, not something inside it".

export const PROVINCES: Readonly<Record<string, string>> = Object.freeze({
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
});

// Municipalities have no prefecture-level cities of their own: their "city" is
// the municipality itself, so city-level grouping must stop at the province code.
const MUNICIPALITIES: ReadonlySet<string> = new Set(['11', '12', '31', '50']);

// GB/T 2260 lists Taiwan, Hong Kong and Macao only at provincial level, so any
// finer code under them cannot be real.
const UNSUBDIVIDED_PROVINCES: ReadonlySet<string> = new Set(['71', '81', '82']);

export const CHENGDU_CITY_CODE = '510100';

const CHENGDU_DISTRICT_ENTRIES: readonly (readonly [string, string])[] = [
  ['510104', '锦江区'],
  ['510105', '青羊区'],
  ['510106', '金牛区'],
  ['510107', '武侯区'],
  ['510108', '成华区'],
  ['510112', '龙泉驿区'],
  ['510113', '青白江区'],
  ['510114', '新都区'],
  ['510115', '温江区'],
  ['510116', '双流区'],
  ['510117', '郫都区'],
  ['510118', '新津区'],
  ['510121', '金堂县'],
  ['510129', '大邑县'],
  ['510131', '蒲江县'],
  ['510181', '都江堰市'],
  ['510182', '彭州市'],
  ['510183', '邛崃市'],
  ['510184', '崇州市'],
  ['510185', '简阳市'],
];

export const CHENGDU_DISTRICTS: readonly string[] = Object.freeze(
  CHENGDU_DISTRICT_ENTRIES.map(([code]) => code),
);

// Deliberately a subset of the standard: enough real codes to give synthetic
// records recognisable names. Anything not here is still accepted by
// checkDivisionCode when it is structurally sound.
const DIVISION_ENTRIES: readonly (readonly [string, string])[] = [
  ...Object.entries(PROVINCES).map(([prefix, name]) => [`${prefix}0000`, name] as const),

  // 四川省: every prefecture-level unit.
  ['510100', '成都市'],
  ['510300', '自贡市'],
  ['510400', '攀枝花市'],
  ['510500', '泸州市'],
  ['510600', '德阳市'],
  ['510700', '绵阳市'],
  ['510800', '广元市'],
  ['510900', '遂宁市'],
  ['511000', '内江市'],
  ['511100', '乐山市'],
  ['511300', '南充市'],
  ['511400', '眉山市'],
  ['511500', '宜宾市'],
  ['511600', '广安市'],
  ['511700', '达州市'],
  ['511800', '雅安市'],
  ['511900', '巴中市'],
  ['512000', '资阳市'],
  ['513200', '阿坝藏族羌族自治州'],
  ['513300', '甘孜藏族自治州'],
  ['513400', '凉山彝族自治州'],

  // 成都市: every county-level unit.
  ...CHENGDU_DISTRICT_ENTRIES,

  // Other Sichuan cities, mostly sources of migration into Chengdu.
  ['510302', '自流井区'],
  ['510402', '东区'],
  ['510502', '江阳区'],
  ['510603', '旌阳区'],
  ['510703', '涪城区'],
  ['510704', '游仙区'],
  ['510802', '利州区'],
  ['510903', '船山区'],
  ['511002', '市中区'],
  ['511011', '东兴区'],
  ['511102', '市中区'],
  ['511302', '顺庆区'],
  ['511303', '高坪区'],
  ['511402', '东坡区'],
  ['511502', '翠屏区'],
  ['511602', '广安区'],
  ['511702', '通川区'],
  ['511802', '雨城区'],
  ['511902', '巴州区'],
  ['512002', '雁江区'],

  // 重庆市 (municipality: districts sit directly under the province code).
  ['500101', '万州区'],
  ['500103', '渝中区'],
  ['500105', '江北区'],
  ['500106', '沙坪坝区'],
  ['500107', '九龙坡区'],
  ['500108', '南岸区'],
  ['500112', '渝北区'],

  // 北京市
  ['110101', '东城区'],
  ['110102', '西城区'],
  ['110105', '朝阳区'],
  ['110108', '海淀区'],

  // 天津市
  ['120101', '和平区'],

  // 上海市
  ['310101', '黄浦区'],
  ['310104', '徐汇区'],
  ['310115', '浦东新区'],

  // Provincial capitals and other large cities.
  ['130100', '石家庄市'],
  ['130102', '长安区'],
  ['140100', '太原市'],
  ['140105', '小店区'],
  ['150100', '呼和浩特市'],
  ['150102', '新城区'],
  ['210100', '沈阳市'],
  ['210102', '和平区'],
  ['210200', '大连市'],
  ['210202', '中山区'],
  ['220100', '长春市'],
  ['220102', '南关区'],
  ['230100', '哈尔滨市'],
  ['230102', '道里区'],
  ['230103', '南岗区'],
  ['320100', '南京市'],
  ['320102', '玄武区'],
  ['320106', '鼓楼区'],
  ['320500', '苏州市'],
  ['320508', '姑苏区'],
  ['330100', '杭州市'],
  ['330102', '上城区'],
  ['330106', '西湖区'],
  ['330200', '宁波市'],
  ['330203', '海曙区'],
  ['340100', '合肥市'],
  ['340102', '瑶海区'],
  ['340104', '蜀山区'],
  ['350100', '福州市'],
  ['350102', '鼓楼区'],
  ['350200', '厦门市'],
  ['350203', '思明区'],
  ['360100', '南昌市'],
  ['360102', '东湖区'],
  ['370100', '济南市'],
  ['370102', '历下区'],
  ['370200', '青岛市'],
  ['370202', '市南区'],
  ['410100', '郑州市'],
  ['410102', '中原区'],
  ['410105', '金水区'],
  ['420100', '武汉市'],
  ['420102', '江岸区'],
  ['420106', '武昌区'],
  ['430100', '长沙市'],
  ['430102', '芙蓉区'],
  ['430104', '岳麓区'],
  ['440100', '广州市'],
  ['440103', '荔湾区'],
  ['440104', '越秀区'],
  ['440106', '天河区'],
  ['440300', '深圳市'],
  ['440303', '罗湖区'],
  ['440304', '福田区'],
  ['440305', '南山区'],
  ['440600', '佛山市'],
  ['440604', '禅城区'],
  ['450100', '南宁市'],
  ['450102', '兴宁区'],
  ['460100', '海口市'],
  ['460106', '龙华区'],
  ['520100', '贵阳市'],
  ['520102', '南明区'],
  ['520103', '云岩区'],
  ['530100', '昆明市'],
  ['530102', '五华区'],
  ['530103', '盘龙区'],
  ['540100', '拉萨市'],
  ['540102', '城关区'],
  ['610100', '西安市'],
  ['610102', '新城区'],
  ['610103', '碑林区'],
  ['610113', '雁塔区'],
  ['620100', '兰州市'],
  ['620102', '城关区'],
  ['640100', '银川市'],
  ['640104', '兴庆区'],
  ['650100', '乌鲁木齐市'],
  ['650102', '天山区'],
];

function buildTable(entries: readonly (readonly [string, string])[]): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  for (const [code, name] of entries) {
    // A silently overwritten entry would hide a typo in a code, so fail loudly.
    if (table.has(code)) throw new Error(`division code ${code} is listed twice`);
    table.set(code, name);
  }
  return table;
}

export const DIVISIONS: ReadonlyMap<string, string> = buildTable(DIVISION_ENTRIES);

export type DivisionLevel = 'province' | 'prefecture' | 'county';

export type DivisionCheck =
  | { ok: true; name: string | null; level: DivisionLevel }
  | { ok: false; reason: string };

const SIX_DIGITS = /^\d{6}$/;

export function checkDivisionCode(code: string): DivisionCheck {
  if (typeof code !== 'string' || !SIX_DIGITS.test(code)) {
    return { ok: false, reason: `division code must be exactly 6 digits, got ${JSON.stringify(code)}` };
  }
  const province = code.slice(0, 2);
  const prefecture = code.slice(2, 4);
  const county = code.slice(4, 6);

  const provinceName = PROVINCES[province];
  if (provinceName === undefined) {
    return {
      ok: false,
      reason: `division code ${code} starts with ${province}, which is not a provincial-level division`,
    };
  }
  if (UNSUBDIVIDED_PROVINCES.has(province) && (prefecture !== '00' || county !== '00')) {
    return {
      ok: false,
      reason: `division code ${code} subdivides ${provinceName}, which GB/T 2260 lists only as ${province}0000`,
    };
  }
  if (prefecture === '00' && county !== '00') {
    return {
      ok: false,
      reason: `division code ${code} has county part ${county} under prefecture part 00; a county code needs a prefecture`,
    };
  }

  const level: DivisionLevel = prefecture === '00' ? 'province' : county === '00' ? 'prefecture' : 'county';
  return { ok: true, name: DIVISIONS.get(code) ?? null, level };
}

export function divisionName(code: string): string | null {
  return DIVISIONS.get(code) ?? null;
}

function requireSixDigits(code: string): void {
  if (typeof code !== 'string' || !SIX_DIGITS.test(code)) {
    throw new RangeError(`division code must be exactly 6 digits, got ${JSON.stringify(code)}`);
  }
}

export function provinceCodeOf(code: string): string {
  requireSixDigits(code);
  return `${code.slice(0, 2)}0000`;
}

export function cityCodeOf(code: string): string {
  requireSixDigits(code);
  const province = code.slice(0, 2);
  if (MUNICIPALITIES.has(province)) return `${province}0000`;
  return `${code.slice(0, 4)}00`;
}
