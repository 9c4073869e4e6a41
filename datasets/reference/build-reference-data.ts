/**
 * Builds the bundled reference data (hazards.json, places.json, departments.json beside this file) from
 * the project's shared data folder. Run by hand when the sources change; nothing reads the shared folder
 * at run or test time.
 *
 *   npx tsx datasets/reference/build-reference-data.ts [path/to/shared/data]
 *
 * See README.md here for the sources, their licences and every transformation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(process.argv[2] ?? join(here, '../../../shared/data'));
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(shared, path), 'utf8')) as T;

// ------------------------------------------------------------------------------------------ hazards

interface VocabEntry {
  id: string;
  name: string;
  synonyms: string[];
  icd10: string | null;
  icd10_system?: string;
  icd11?: string | null;
  pathogens: string[];
  kingdom: 'human' | 'animal';
  same_as?: string[];
  source: string;
}

interface WahisEntry {
  id: string;
  name: string;
  name_core: string;
  agent: string | null;
  common_names: string[];
}

interface HazardOut {
  code: string;
  name: string;
  domain: string;
  icd10: string | null;
  icd11: string | null;
  pathogen: string | null;
  synonyms: string[];
  ihrCategory: 'always-notifiable' | 'always-algorithm' | null;
  nationalClass: 'A' | 'B' | 'C' | null;
  sources: string[];
}

const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');

const STOP = new Set(
  'disease diseases infection infections virus viral fever unspecified due to of the with other and or as by in site not elsewhere classified cause causes identified'.split(
    ' ',
  ),
);
const words = (text: string): Set<string> =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOP.has(w)),
  );

/** WHO ICD-10 codes in the DON list are written without the dot (A000); add it (A00.0). */
const icd10Dotted = (code: string | null): string | null =>
  code === null
    ? null
    : code.length > 3 && !code.includes('.')
      ? `${code.slice(0, 3)}.${code.slice(3)}`
      : code;

/**
 * The DON list's ICD-11 codes went through a spreadsheet: some were read as numbers ("1E50" → "1.00E+50",
 * "8E00" → "800") and some carry the chapter number in front ("12CA4010" = chapter 12, CA40.10). Repaired
 * here; stem codes get their dot after the fourth character (1D6002 → 1D60.02); extension codes (X…) stay.
 */
const ICD11_REPAIRS: Readonly<Record<string, string>> = {
  '1.00E+50': '1E50',
  '1.00E+31': '1E31',
  '1.00E+30': '1E30',
  '1.00E+71': '1E71',
  '800': '8E00',
  '12CA421': 'CA42.1',
  '12CA4010': 'CA40.10',
  '12CA4011': 'CA40.11',
  '12CA4012': 'CA40.12',
  '12CA4013': 'CA40.13',
  CA4004: 'CA40.04',
};
function icd11Repaired(code: string | null | undefined, icd10: string | null): string | null {
  if (code === null || code === undefined || code === '') return null;
  let c = ICD11_REPAIRS[code] ?? code;
  // "1.00E+50" stands for both hepatitis A (1E50.0) and E (1E50.2) and unspecified (1E50.Z).
  if (c === '1E50' && icd10 === 'B15') c = '1E50.0';
  if (c === '1E50' && icd10 === 'B172') c = '1E50.2';
  if (c.startsWith('X') || c.includes('.') || c.length <= 4) return c;
  return `${c.slice(0, 4)}.${c.slice(4)}`;
}

const cleanPathogen = (p: string | undefined): string | null => {
  if (p === undefined) return null;
  const t = p.replace(/^has_material_basis_in\s+/, '').trim();
  return t === '' ? null : t;
};
const capitalise = (s: string): string => (/^[a-z]/.test(s) ? s[0].toUpperCase() + s.slice(1) : s);

/**
 * Curated facts the vocabularies do not carry, keyed by the source id of the entry they apply to:
 * the IHR (2005) Annex 2 category, the national class (PRC Law on the Prevention and Control of Infectious
 * Diseases: class A, B, C), a short code, and Chinese names (for tagging Chinese reports).
 */
interface Curation {
  code?: string;
  name?: string;
  ihr?: 'always-notifiable' | 'always-algorithm';
  cls?: 'A' | 'B' | 'C';
  zh?: string[];
}
const CURATED: Readonly<Record<string, Curation>> = {
  // IHR Annex 2: always notifiable
  'DOID:8736': { code: 'smallpox', ihr: 'always-notifiable', zh: ['天花'] },
  'don-icd:J090:influenza-due-to-identified-zoonotic-or-pandemic-influenza-virus': {
    code: 'influenza-new-subtype',
    name: 'Human influenza caused by a new subtype',
    ihr: 'always-notifiable',
    cls: 'B',
    zh: ['人感染新亚型流感', '人感染高致病性禽流感'],
  },
  'don-icd:U049:severe-acute-respiratory-syndrome': {
    code: 'sars',
    ihr: 'always-notifiable',
    cls: 'B',
    zh: ['传染性非典型肺炎', '非典'],
  },
  // IHR Annex 2: always lead to the algorithm
  'don-icd:A000:cholera': { code: 'cholera', ihr: 'always-algorithm', cls: 'A', zh: ['霍乱'] },
  'DOID:10398': { code: 'plague-pneumonic', ihr: 'always-algorithm', cls: 'A', zh: ['肺鼠疫'] },
  'DOID:3482': { code: 'plague', name: 'Plague', cls: 'A', zh: ['鼠疫'] },
  'don-icd:A959:yellow-fever-unspecified': {
    code: 'yellow-fever',
    name: 'Yellow fever',
    ihr: 'always-algorithm',
    zh: ['黄热病'],
  },
  'don-icd:A984:ebola-disease': {
    code: 'ebola',
    ihr: 'always-algorithm',
    zh: ['埃博拉病毒病', '埃博拉出血热'],
  },
  'don-icd:A962:lassa-fever': { code: 'lassa-fever', ihr: 'always-algorithm', zh: ['拉沙热'] },
  'don-icd:A983:marburg-disease': {
    code: 'marburg',
    ihr: 'always-algorithm',
    zh: ['马尔堡病毒病', '马尔堡出血热'],
  },
  'don-icd:A980:crimean-congo-haemorrhagic-fever': {
    code: 'cchf',
    ihr: 'always-algorithm',
    zh: ['克里米亚-刚果出血热', '新疆出血热'],
  },
  'don-icd:A988:sudan-virus-disease': { code: 'sudan-virus-disease', ihr: 'always-algorithm' },
  'don-icd:A990:unspecified-viral-haemorrhagic-fever': {
    code: 'vhf-unspecified',
    ihr: 'always-algorithm',
    zh: ['病毒性出血热'],
  },
  'don-icd:A923:west-nile-virus-infection': {
    code: 'west-nile-fever',
    ihr: 'always-algorithm',
    zh: ['西尼罗热'],
  },
  // "other diseases of special national or regional concern" (Annex 2 gives dengue, Rift Valley fever and
  // meningococcal disease as examples)
  'don-icd:A979:dengue-fever-unspecified': {
    code: 'dengue',
    name: 'Dengue',
    ihr: 'always-algorithm',
    cls: 'B',
    zh: ['登革热'],
  },
  'don-icd:A924:rift-valley-fever': { code: 'rift-valley-fever', ihr: 'always-algorithm', zh: ['裂谷热'] },
  'don-icd:A390:meningococcal-meningitis': {
    code: 'meningococcal-disease',
    ihr: 'always-algorithm',
    cls: 'B',
    zh: ['流行性脑脊髓膜炎', '流脑'],
  },
  // national classes (PRC), and codes for the hazards of the bundled demo data
  'don-icd:A809:acute-poliomyelitis-unspecified': { code: 'poliomyelitis', cls: 'B', zh: ['脊髓灰质炎'] },
  'don-icd:U040:middle-east-respiratory-syndrome': { code: 'mers', zh: ['中东呼吸综合征'] },
  'DOID:0080600': { code: 'covid-19', cls: 'B', zh: ['新型冠状病毒感染', '新冠肺炎'] },
  'don-icd:B04:monkeypox': { code: 'mpox', name: 'Mpox', cls: 'B', zh: ['猴痘'] },
  'DOID:526': { code: 'hiv-aids', cls: 'B', zh: ['艾滋病'] },
  'don-icd:B15:acute-hepatitis-a': { code: 'hepatitis-a', cls: 'B', zh: ['甲型肝炎'] },
  'don-icd:B172:acute-hepatitis-e': { code: 'hepatitis-e', cls: 'B', zh: ['戊型肝炎'] },
  'don-icd:B05:measles': { code: 'measles', cls: 'B', zh: ['麻疹'] },
  'don-icd:A985:haemorrhagic-fever-with-renal-syndrome': {
    code: 'hfrs',
    cls: 'B',
    zh: ['流行性出血热', '肾综合征出血热'],
  },
  'DOID:11260': { code: 'rabies', cls: 'B', zh: ['狂犬病'] },
  'don-icd:A830:japanese-encephalitis-virus-disease': {
    code: 'japanese-encephalitis',
    cls: 'B',
    zh: ['流行性乙型脑炎'],
  },
  'don-icd:A229:anthrax-unspecified': { code: 'anthrax', name: 'Anthrax', cls: 'B', zh: ['炭疽'] },
  'DOID:12385': { code: 'shigellosis', cls: 'B', zh: ['细菌性痢疾'] },
  'DOID:399': { code: 'tuberculosis', cls: 'B', zh: ['肺结核', '结核病'] },
  'don-icd:A010:typhoid-fever': { code: 'typhoid-fever', cls: 'B', zh: ['伤寒'] },
  'don-icd:A370:whooping-cough-due-to-bordetella-pertussis': { code: 'pertussis', cls: 'B', zh: ['百日咳'] },
  'don-icd:A369:diphtheria-unspecified': { code: 'diphtheria', name: 'Diphtheria', cls: 'B', zh: ['白喉'] },
  'don-icd:A380:scarlet-fever': { code: 'scarlet-fever', cls: 'B', zh: ['猩红热'] },
  'DOID:11077': { code: 'brucellosis', cls: 'B', zh: ['布鲁氏菌病', '布病'] },
  'don-icd:A549:gonococcal-infection-unspecified': {
    code: 'gonorrhoea',
    name: 'Gonorrhoea',
    cls: 'B',
    zh: ['淋病'],
  },
  'DOID:4166': { code: 'syphilis', cls: 'B', zh: ['梅毒'] },
  'don-icd:A279:leptospirosis-unspecified': {
    code: 'leptospirosis',
    name: 'Leptospirosis',
    cls: 'B',
    zh: ['钩端螺旋体病'],
  },
  'DOID:1395': { code: 'schistosomiasis', cls: 'B', zh: ['血吸虫病'] },
  'don-icd:B540:malaria-unspecified': { code: 'malaria', name: 'Malaria', cls: 'B', zh: ['疟疾'] },
  'DOID:8469': { code: 'influenza', name: 'Influenza', cls: 'C', zh: ['流行性感冒', '流感'] },
  'DOID:10264': { code: 'mumps', cls: 'C', zh: ['流行性腮腺炎'] },
  'DOID:8781': { code: 'rubella', cls: 'C', zh: ['风疹'] },
  'DOID:1024': { code: 'leprosy', cls: 'C', zh: ['麻风病'] },
  'don-icd:A750:epidemic-louse-borne-typhus-fever-due-to-rickettsia-prowazekii': {
    code: 'epidemic-typhus',
    cls: 'C',
    zh: ['流行性斑疹伤寒'],
  },
  'don-icd:B559:leishmaniasis-unspecified': {
    code: 'leishmaniasis',
    name: 'Leishmaniasis',
    cls: 'C',
    zh: ['黑热病'],
  },
  'DOID:1496': { code: 'echinococcosis', cls: 'C', zh: ['包虫病'] },
  'DOID:11729': { code: 'lyme-disease' },
  'DOID:10881': { code: 'hand-foot-and-mouth-disease', cls: 'C', zh: ['手足口病'] },
  'don-icd:A090:infectious-gastroenteritis-or-colitis-without-specification-of-infectious-agent': {
    code: 'infectious-diarrhoea',
    cls: 'C',
    zh: ['其它感染性腹泻病'],
  },
  'DOID:0060859': { code: 'salmonellosis', name: 'Salmonellosis', zh: ['沙门氏菌病'] },
  'don-icd:A029:infections-due-to-other-salmonella': { code: 'salmonella-infection' },
  'DOID:13622': { code: 'campylobacteriosis', name: 'Campylobacteriosis', zh: ['弯曲菌病'] },
  'don-icd:A925:zika-virus-disease': { code: 'zika', zh: ['寨卡病毒病'] },
  'don-icd:A920:chikungunya-mosquito-borne-viral-fever': { code: 'chikungunya', zh: ['基孔肯雅热'] },
  'don-icd:A051:botulism': { code: 'botulism', zh: ['肉毒中毒'] },
  'don-icd:A329:listeriosis-unspecified': { code: 'listeriosis', name: 'Listeriosis' },
  'don-icd:A481:legionnaires-disease': { code: 'legionnaires-disease' },
  'DOID:4492': { code: 'avian-influenza', zh: ['禽流感'] },
  'DOID:2043': { code: 'hepatitis-b', cls: 'B', zh: ['乙型肝炎'] },
  'DOID:1883': { code: 'hepatitis-c', cls: 'B', zh: ['丙型肝炎'] },
  // animal diseases (WAHIS names)
  'wahis:african-swine-fever-virus-inf-with': { code: 'african-swine-fever', zh: ['非洲猪瘟'] },
  'wahis:foot-and-mouth-disease-virus-inf-with': { code: 'foot-and-mouth-disease', zh: ['口蹄疫'] },
  'wahis:high-pathogenicity-avian-influenza-viruses-poultry-inf-with': {
    code: 'hpai-poultry',
    zh: ['高致病性禽流感'],
  },
  'wahis:lumpy-skin-disease-virus-inf-with': { code: 'lumpy-skin-disease', zh: ['牛结节性皮肤病'] },
  'wahis:peste-des-petits-ruminants-virus-inf-with': {
    code: 'peste-des-petits-ruminants',
    zh: ['小反刍兽疫'],
  },
};

/** Hazards no vocabulary has: wild-type polio (IHR singles it out) and the non-disease domains. */
const EXTRA: ReadonlyArray<HazardOut> = [
  {
    code: 'poliomyelitis-wild-type',
    name: 'Poliomyelitis due to wild-type poliovirus',
    domain: 'human',
    icd10: 'A80.1',
    icd11: '1C81',
    pathogen: 'Wild poliovirus types 1, 2, 3',
    synonyms: ['wild poliovirus', 'WPV', 'WPV1', '野生脊灰病毒'],
    ihrCategory: 'always-notifiable',
    nationalClass: 'B',
    sources: ['Tocsin curated (IHR 2005 Annex 2)'],
  },
  {
    code: 'rotavirus-gastroenteritis',
    name: 'Rotavirus gastroenteritis',
    domain: 'human',
    icd10: 'A08.0',
    icd11: '1A22',
    pathogen: 'Rotavirus A',
    synonyms: ['rotaviral enteritis', 'rotavirus infection', '轮状病毒感染性腹泻'],
    ihrCategory: null,
    nationalClass: null,
    sources: ['Tocsin curated'],
  },
  {
    code: 'stec-infection',
    name: 'Shiga toxin-producing Escherichia coli infection',
    domain: 'human',
    icd10: 'A04.3',
    icd11: '1A03.2',
    pathogen: 'Shiga toxin-producing Escherichia coli (STEC/EHEC)',
    synonyms: [
      'EHEC',
      'STEC',
      'VTEC',
      'enterohaemorrhagic E. coli',
      'HUS',
      'haemolytic uraemic syndrome',
      '肠出血性大肠杆菌感染',
    ],
    ihrCategory: null,
    nationalClass: null,
    sources: ['Tocsin curated'],
  },
  ...(
    [
      [
        'xylella-fastidiosa',
        'Xylella fastidiosa',
        'plant',
        'Xylella fastidiosa',
        ['olive quick decline', '木质部难养菌'],
      ],
      [
        'fusarium-wilt-tr4',
        'Fusarium wilt of banana (TR4)',
        'plant',
        'Fusarium odoratissimum',
        ['Panama disease', '香蕉枯萎病'],
      ],
      ['fall-armyworm', 'Fall armyworm', 'plant', 'Spodoptera frugiperda', ['草地贪夜蛾']],
      [
        'wheat-stem-rust',
        'Wheat stem rust (Ug99 lineage)',
        'plant',
        'Puccinia graminis f. sp. tritici',
        ['Ug99', '小麦秆锈病'],
      ],
      ['locust-outbreak', 'Desert locust upsurge', 'plant', 'Schistocerca gregaria', ['locusts', '沙漠蝗']],
      [
        'foodborne-outbreak',
        'Foodborne disease outbreak',
        'food',
        null,
        ['food poisoning', '食物中毒', '食源性疾病'],
      ],
      [
        'food-contamination-chemical',
        'Chemical contamination of food',
        'food',
        null,
        ['melamine', 'adulteration', '食品污染'],
      ],
      [
        'food-contamination-microbial',
        'Microbial contamination of food',
        'food',
        null,
        ['food recall', '食品微生物污染'],
      ],
      [
        'laboratory-exposure',
        'Laboratory exposure or biosafety incident',
        'laboratory',
        null,
        ['lab leak', 'laboratory-acquired infection', '实验室暴露'],
      ],
      [
        'laboratory-sample-loss',
        'Loss or theft of dangerous pathogen samples',
        'laboratory',
        null,
        ['missing samples', '菌毒种丢失'],
      ],
      [
        'water-contamination',
        'Contamination of drinking water',
        'environment',
        null,
        ['boil-water notice', '饮用水污染'],
      ],
      [
        'harmful-algal-bloom',
        'Harmful algal bloom',
        'environment',
        'Cyanobacteria',
        ['red tide', 'blue-green algae', '赤潮', '水华'],
      ],
      [
        'chemical-release',
        'Chemical release',
        'environment',
        null,
        ['chemical spill', 'toxic release', '化学品泄漏'],
      ],
      [
        'radiological-release',
        'Radiological or nuclear release',
        'environment',
        null,
        ['radiation', 'nuclear accident', '核辐射'],
      ],
      [
        'wildlife-mortality',
        'Unusual wildlife mortality',
        'animal',
        null,
        ['mass die-off', '野生动物异常死亡'],
      ],
    ] as const
  ).map(
    ([code, name, domain, pathogen, synonyms]): HazardOut => ({
      code,
      name,
      domain,
      icd10: null,
      icd11: null,
      pathogen,
      synonyms: [...synonyms],
      ihrCategory: null,
      nationalClass: null,
      sources: ['Tocsin curated'],
    }),
  ),
];

/** A DON label's name and its plainer forms ("Acute hepatitis A" → "hepatitis a"; "Anthrax, unspecified" → "anthrax"). */
function donNameCandidates(name: string): string[] {
  const n = name.toLowerCase();
  const plain = n.replace(/, unspecified$/, '').replace(/^acute /, '');
  return [...new Set([n, plain, plain.replace(/ disease$/, ''), plain.replace(/ virus disease$/, '')])];
}

function buildHazards(): HazardOut[] {
  const vocab = readJson<VocabEntry[]>('ebs/vocab_diseases.json');
  const wahis = readJson<WahisEntry[]>('ebs/vocab_animal_diseases_wahis.json');
  const doid = new Map(vocab.filter((v) => v.source === 'DOID').map((v) => [v.id, v]));
  const doidByName = new Map([...doid.values()].map((v) => [v.name.toLowerCase(), v]));
  const merged = new Map<string, VocabEntry>(); // DOID id → DON entry merged into it
  const out: HazardOut[] = [];
  const dons = vocab.filter((v) => v.source === 'Torres-Munguia DON');
  for (const don of dons) {
    const target =
      don.same_as?.map((id) => doid.get(id)).find((d) => d !== undefined && !merged.has(d.id)) ??
      donNameCandidates(don.name)
        .map((n) => doidByName.get(n))
        .find((d) => d !== undefined && !merged.has(d.id));
    if (target !== undefined) merged.set(target.id, don);
  }
  const donOf = new Map([...merged].map(([doidId, don]) => [don.id, doidId]));
  const hazardFrom = (primary: VocabEntry, don: VocabEntry | undefined): HazardOut => {
    const name = don?.name ?? capitalise(primary.name);
    const ownWords = words(name);
    const donSynonyms = (don?.synonyms ?? []).filter((s) => [...words(s)].some((w) => ownWords.has(w)));
    const synonyms = [
      ...new Set([...(don === undefined ? [] : [primary.name]), ...primary.synonyms, ...donSynonyms]),
    ]
      .filter((s) => s.toLowerCase() !== name.toLowerCase())
      .slice(0, 20);
    const icd10 = don !== undefined ? icd10Dotted(don.icd10) : primary.icd10;
    return {
      code: '',
      name,
      domain: primary.kingdom === 'animal' ? 'animal' : 'human',
      icd10,
      icd11: icd11Repaired(don?.icd11, don?.icd10 ?? null),
      pathogen: cleanPathogen(primary.pathogens[0] ?? don?.pathogens[0]),
      synonyms,
      ihrCategory: null,
      nationalClass: null,
      sources: don === undefined ? [primary.id] : primary === don ? [don.id] : [primary.id, don.id],
    };
  };
  for (const d of doid.values()) out.push(hazardFrom(d, merged.get(d.id)));
  for (const don of dons) if (!donOf.has(don.id)) out.push(hazardFrom(don, don));
  for (const w of wahis) {
    const core = w.name_core.replace(/\s*\((Inf|inf)\. with\)\s*$/, '');
    out.push({
      code: '',
      name: w.name_core,
      domain: 'animal',
      icd10: null,
      icd11: null,
      pathogen: w.agent,
      synonyms: [...new Set([core, ...w.common_names.filter((c) => c.length > 3)])].filter(
        (s) => s !== w.name_core,
      ),
      ihrCategory: null,
      nationalClass: null,
      sources: [w.id],
    });
  }
  // curation, then codes (curated first, so they win), unique
  const used = new Set<string>(EXTRA.map((e) => e.code));
  const missing = new Set(Object.keys(CURATED));
  for (const h of out) {
    const key = h.sources.find((s) => CURATED[s] !== undefined);
    if (key === undefined) continue;
    missing.delete(key);
    const c = CURATED[key];
    if (c.name !== undefined) {
      if (h.name !== c.name) h.synonyms = [h.name, ...h.synonyms.filter((s) => s !== c.name)];
      h.name = c.name;
    }
    h.ihrCategory = c.ihr ?? null;
    h.nationalClass = c.cls ?? null;
    h.synonyms = [...new Set([...h.synonyms, ...(c.zh ?? [])])];
    if (c.code !== undefined) {
      if (used.has(c.code)) throw new Error(`curated code ${c.code} used twice`);
      h.code = c.code;
      used.add(c.code);
    }
  }
  if (missing.size > 0) throw new Error(`curated entries not found: ${[...missing].join(', ')}`);
  for (const h of out) {
    if (h.code !== '') continue;
    let code = slug(h.name);
    if (used.has(code)) code = `${code}-${h.domain}`;
    for (let i = 2; used.has(code); i++) code = `${slug(h.name)}-${i}`;
    h.code = code;
    used.add(code);
  }
  for (const h of out) {
    const seen = new Set([h.name.toLowerCase()]);
    h.synonyms = h.synonyms.filter((s) => {
      const k = s.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  return [...out, ...EXTRA].sort((a, b) => a.code.localeCompare(b.code));
}

// ------------------------------------------------------------------------------------------- places

interface CountryIn {
  code: string;
  iso3: string;
  numeric: string;
  name: string;
  names: Record<string, string>;
  aliases: string[];
  aliases_observed?: string[];
  centroid: [number, number] | null;
}
interface Admin1In {
  code: string;
  adm1_code: string;
  name: string;
  names: Record<string, string>;
  aliases: string[];
  centroid: [number, number] | null;
  parent: string;
}
interface ChinaIn {
  code: string;
  level: 'province' | 'prefecture' | 'county';
  name: string;
  names: Record<string, string>;
  iso_3166_2: string | null;
  parent: string;
}
interface PlaceOut {
  code: string;
  name: string;
  nameLocal: string | null;
  level: 'world' | 'country' | 'admin1' | 'admin2' | 'admin3';
  parent: string | null;
  iso2: string | null;
  lat: number | null;
  lon: number | null;
  aliases: string[];
}

const LANGS = ['en', 'zh', 'fr', 'es', 'ru', 'ar', 'de', 'pt'];
const uniqueAliases = (own: PlaceOut['name'], list: ReadonlyArray<string | undefined | null>): string[] =>
  [...new Set(list.filter((a): a is string => typeof a === 'string' && a.trim() !== '' && a !== own))].slice(
    0,
    40,
  );

/** The 16 state names of salmNewport.csv's `series` column (R's make.names of the English names). */
const SALM_NEWPORT_STATES: Readonly<Record<string, string>> = {
  'Baden.Wuerttemberg': 'DE-BW',
  Bavaria: 'DE-BY',
  Berlin: 'DE-BE',
  Brandenburg: 'DE-BB',
  Bremen: 'DE-HB',
  Hamburg: 'DE-HH',
  Hesse: 'DE-HE',
  'Lower.Saxony': 'DE-NI',
  'Mecklenburg.Vorpommern': 'DE-MV',
  'North.Rhine.Westphalia': 'DE-NW',
  'Rhineland.Palatinate': 'DE-RP',
  Saarland: 'DE-SL',
  Saxony: 'DE-SN',
  'Saxony.Anhalt': 'DE-ST',
  'Schleswig.Holstein': 'DE-SH',
  Thuringia: 'DE-TH',
};

function buildPlaces(): PlaceOut[] {
  const countries = readJson<CountryIn[]>('geo/gazetteer_countries.json');
  const admin1 = readJson<Admin1In[]>('geo/gazetteer_admin1.json');
  const china = readJson<ChinaIn[]>('geo/china_divisions_gbt2260.json');
  const out: PlaceOut[] = [
    {
      code: 'world',
      name: 'World',
      nameLocal: '世界',
      level: 'world',
      parent: null,
      iso2: null,
      lat: null,
      lon: null,
      aliases: ['Global', 'Worldwide'],
    },
  ];
  for (const c of countries) {
    out.push({
      code: c.code,
      name: c.names.en ?? c.name,
      nameLocal: c.names.zh ?? null,
      level: 'country',
      parent: 'world',
      iso2: c.code,
      lat: c.centroid?.[1] ?? null,
      lon: c.centroid?.[0] ?? null,
      aliases: uniqueAliases(c.names.en ?? c.name, [
        c.iso3,
        c.name,
        ...LANGS.map((l) => c.names[l]),
        ...c.aliases,
        ...(c.aliases_observed ?? []),
      ]),
    });
  }
  const byCode = new Map<string, PlaceOut>();
  for (const a of admin1) {
    const prior = byCode.get(a.code);
    if (prior !== undefined && prior.name === a.name) {
      prior.aliases.push(a.adm1_code);
      continue;
    }
    const code = prior === undefined ? a.code : a.adm1_code;
    const name = a.names.en ?? a.name ?? `Unnamed area (${a.code})`;
    const place: PlaceOut = {
      code,
      name,
      nameLocal: a.names.zh ?? null,
      level: 'admin1',
      parent: a.parent,
      iso2: a.parent,
      lat: a.centroid?.[1] ?? null,
      lon: a.centroid?.[0] ?? null,
      aliases: uniqueAliases(name, [a.adm1_code, a.name, ...LANGS.map((l) => a.names[l]), ...a.aliases]),
    };
    byCode.set(code, place);
    out.push(place);
  }
  // China: provinces are the NE admin-1 units (ISO 3166-2 code); prefectures and counties get `CN-<GB/T code>`.
  const gbtToPlace = new Map<string, string>();
  for (const p of china.filter((x) => x.level === 'province')) {
    const place = p.iso_3166_2 === null ? undefined : byCode.get(p.iso_3166_2);
    if (place === undefined) throw new Error(`no admin-1 unit for province ${p.code} ${p.name}`);
    place.nameLocal = p.name;
    place.aliases.push(p.code, `CN-${p.code}`, p.name);
    gbtToPlace.set(p.code, place.code);
  }
  for (const level of ['prefecture', 'county'] as const) {
    for (const x of china.filter((c) => c.level === level)) {
      const parent = gbtToPlace.get(x.parent);
      if (parent === undefined) throw new Error(`no parent ${x.parent} for ${x.code} ${x.name}`);
      const code = `CN-${x.code}`;
      // Prefecture-level cities without counties (Dongguan, Zhongshan, …) are listed again as their own county.
      if (gbtToPlace.has(x.code)) continue;
      out.push({
        code,
        name: x.names.en ?? x.name,
        nameLocal: x.name,
        level: level === 'prefecture' ? 'admin2' : 'admin3',
        parent,
        iso2: 'CN',
        lat: null,
        lon: null,
        aliases: [x.code],
      });
      gbtToPlace.set(x.code, code);
    }
  }
  // German districts of the demo data: fluBYBW (Bavaria 09…, Baden-Württemberg 08…) and measlesWeserEms
  // (Lower Saxony 03…). Code `DE-<5-digit district key>`; the dataset's series id is an alias.
  const stateOf: Readonly<Record<string, string>> = { '03': 'DE-NI', '08': 'DE-BW', '09': 'DE-BY' };
  const districts = [
    ...readJson<{ features: { properties: { region_id: string; name: string } }[] }>(
      'surveillance/fluBYBW_map.geojson',
    ).features.map((f) => ({ id: f.properties.region_id, name: f.properties.name })),
    ...readJson<{ features: { properties: { region_id: string; GEN: string } }[] }>(
      'surveillance/measlesWeserEms_map.geojson',
    ).features.map((f) => ({ id: f.properties.region_id, name: f.properties.GEN })),
  ];
  for (const d of districts) {
    const key = d.id.padStart(5, '0');
    const parent = stateOf[key.slice(0, 2)];
    if (parent === undefined) throw new Error(`district ${d.id}: unknown state`);
    out.push({
      code: `DE-${key}`,
      name: d.name,
      nameLocal: null,
      level: 'admin2',
      parent,
      iso2: 'DE',
      lat: null,
      lon: null,
      aliases: [...new Set([d.id, key])],
    });
  }
  for (const [alias, code] of Object.entries(SALM_NEWPORT_STATES)) {
    const place = byCode.get(code);
    if (place === undefined) throw new Error(`no ${code}`);
    place.aliases.push(alias);
  }
  for (const p of out) p.aliases = [...new Set(p.aliases)].filter((a) => a !== p.code && a !== p.name);
  const codes = new Set<string>();
  for (const p of out) {
    if (codes.has(p.code)) throw new Error(`duplicate place code ${p.code}`);
    codes.add(p.code);
  }
  return out;
}

// ---------------------------------------------------------------------------------------- departments

const DEPARTMENTS = [
  ['health', 'Health authority', '卫生健康委员会', 'human'],
  ['cdc', 'Centre for Disease Control and Prevention', '疾病预防控制中心', 'human'],
  ['disease-control', 'Disease prevention and control administration', '疾病预防控制局', 'human'],
  ['animal-health', 'Animal health and veterinary services', '畜牧兽医局', 'animal'],
  ['agriculture', 'Agriculture and rural affairs', '农业农村部门', 'plant'],
  ['plant-protection', 'Plant protection and quarantine', '植物保护与检疫机构', 'plant'],
  ['forestry-wildlife', 'Forestry, grassland and wildlife', '林业和草原部门', 'animal'],
  ['customs', 'Customs (border health and quarantine)', '海关', 'food'],
  ['market-regulation', 'Market regulation (food safety)', '市场监督管理部门', 'food'],
  ['environment', 'Ecology and environment', '生态环境部门', 'environment'],
  ['water-resources', 'Water resources', '水利部门', 'environment'],
  ['emergency-management', 'Emergency management', '应急管理部门', 'coordination'],
  ['science-technology', 'Science and technology (laboratory biosafety)', '科学技术部门', 'laboratory'],
  ['education', 'Education', '教育部门', 'coordination'],
  ['public-security', 'Public security', '公安部门', 'coordination'],
  ['foreign-affairs', 'Foreign affairs (IHR National Focal Point liaison)', '外事部门', 'coordination'],
] as const;

// ----------------------------------------------------------------------------------------------- main

const hazards = buildHazards();
const places = buildPlaces();
const departments = DEPARTMENTS.map(([code, name, nameZh, domain]) => ({ code, name, nameZh, domain }));
const write = (file: string, value: unknown): void => {
  const rows = (value as unknown[]).map((v) => JSON.stringify(v));
  writeFileSync(join(here, file), `[\n${rows.join(',\n')}\n]\n`);
};
write('hazards.json', hazards);
write('places.json', places);
write('departments.json', departments);
process.stdout.write(
  `hazards ${hazards.length} (${['human', 'animal', 'plant', 'food', 'laboratory', 'environment'].map((d) => `${d} ${hazards.filter((h) => h.domain === d).length}`).join(', ')}), places ${places.length}, departments ${departments.length}\n`,
);
