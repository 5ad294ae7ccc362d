"""The instant customer lookup over 1,000,000 partners.

Generates 1,000,000 partners in SQL inside the benchmark's transaction (200,000 companies,
half of them Chinese; 800,000 people, half with Chinese names, a third of them contacts of a
company; phones typed in eight formats, e-mails, streets and cities in both scripts), 100,000
sale orders and 50,000 estimates. The partner indexes are dropped for the load and built
again after it: Odoo's from their definitions, the lookup's by the module's own code; then
ANALYZE. Then, as an estimating user (record rules apply), it times lookups of every fragment
kind through the search box's path: ``web_search_read`` on the lookup field, one page of the
list view.

`bench customer.lookup_1m_p95` (target at most 50 ms), the median and the worst case, one
p95 per fragment kind, the quick lookup (8 results, ``_print_lookup``) and stock
``name_search`` on the same data for comparison. Everything is rolled back.
"""

import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import odoo_env, report  # noqa: E402

COMPANIES = 200_000
PEOPLE = 800_000
ORDERS = 100_000
ESTIMATES = 50_000
PER_KIND = 15
SEED = 20240501

FIRST = (
    "James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara"
    " Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony"
    " Betty Mark Margaret Paul Sandra Steven Ashley Andrew Kimberly Kenneth Emily Joshua Donna"
    " Kevin Michelle Brian Carol George Amanda Edward Melissa Ronald Deborah Timothy Stephanie"
    " Hans Anna Pierre Marie Luca Sofia Lars Ingrid Olga Ivan Mei Wei Raj Priya Kenji Yuki"
).split()
LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez"
    " Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Perez Thompson White Harris"
    " Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen"
    " Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts"
    " Whitfield Okafor Schneider Dubois Rossi Larsen Novak Kowalski Fischer Weber"
).split()
# Syllables for the many rarer surnames and company brands (Kelmont, Brandavio...).
SYLLABLE_A = (
    "Kel Bran Dar Fen Gal Hol Jor Kar Lin Mor Nor Pel Quin Ros Sal Tor Val Wes Yar Zan Ash"
    " Bel Cor Dun Elm Fair Glen Hart Ire Lock"
).split()
SYLLABLE_B = (
    "mont davio bury ford well ton ley wick stone field more dale worth ridge brook by ham"
    " hurst wood vale cott land shaw combe den gate mere stead thorpe wyn"
).split()
CN_LAST = list(
    "王王王王王王王李李李李李李李张张张张张张刘刘刘刘刘陈陈陈陈杨杨杨黄黄赵赵吴吴周周徐孙马朱"
    "胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭"
    "陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
)
CN_LAST_PINYIN = {
    "王": "wang", "李": "li", "张": "zhang", "刘": "liu", "陈": "chen", "杨": "yang",
    "黄": "huang", "赵": "zhao", "吴": "wu", "周": "zhou", "徐": "xu", "孙": "sun",
    "马": "ma", "朱": "zhu", "胡": "hu", "郭": "guo", "何": "he", "高": "gao", "林": "lin",
    "罗": "luo", "郑": "zheng", "梁": "liang", "谢": "xie", "宋": "song", "唐": "tang",
    "许": "xu", "韩": "han", "冯": "feng", "邓": "deng", "曹": "cao", "彭": "peng",
    "曾": "zeng", "肖": "xiao", "田": "tian", "董": "dong", "袁": "yuan", "潘": "pan",
    "于": "yu", "蒋": "jiang", "蔡": "cai", "余": "yu", "杜": "du", "叶": "ye", "程": "cheng",
    "苏": "su", "魏": "wei", "吕": "lv", "丁": "ding", "任": "ren", "沈": "shen", "姚": "yao",
    "卢": "lu", "姜": "jiang", "崔": "cui", "钟": "zhong", "谭": "tan", "陆": "lu",
    "汪": "wang", "范": "fan", "金": "jin", "石": "shi", "廖": "liao", "贾": "jia",
    "夏": "xia", "韦": "wei", "付": "fu", "方": "fang", "白": "bai", "邹": "zou",
    "孟": "meng", "熊": "xiong", "秦": "qin", "邱": "qiu", "江": "jiang", "尹": "yin",
    "薛": "xue", "闫": "yan", "段": "duan", "雷": "lei", "侯": "hou", "龙": "long",
    "史": "shi", "陶": "tao", "黎": "li", "贺": "he", "顾": "gu", "毛": "mao", "郝": "hao",
    "龚": "gong", "邵": "shao", "万": "wan", "钱": "qian", "严": "yan", "覃": "qin",
    "武": "wu", "戴": "dai", "莫": "mo", "孔": "kong",
}  # fmt: skip
CN_GIVEN = list(
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华飞玉兰红建国文辉鹏波宇浩凯健俊帆帅旭宁"
    "龙林欣佳雪婷倩琳晨阳雨梅莉萍燕斌东海峰亮成志新荣春永庆玲晶颖慧丹鑫博然"
)
CN_GIVEN_PINYIN = (
    "wei fang na xiu ying min jing li qiang lei jun yang yong yan jie juan tao ming chao xia"
    " ping gang gui hua fei yu lan hong jian guo wen hui peng bo yu hao kai jian jun fan shuai"
    " xu ning long lin xin jia xue ting qian lin chen yang yu mei li ping yan bin dong hai feng"
    " liang cheng zhi xin rong chun yong qing ling jing ying hui dan xin bo ran"
).split()
CO_A = (
    "Harbour Northwind Summit Blue Golden Silver Pacific Atlantic Crown Eagle Phoenix Lotus"
    " Dragon Maple Oak Cedar River Lake Mountain Star Sun Moon Royal Prime Global United First"
    " Metro City Coastal Alpine Urban Green Red Bright Swift Apex Vertex Nova Orion Atlas Zenith"
    " Pioneer Heritage Liberty Granite Crystal Sterling Cobalt Ivory"
).split()
CO_B = (
    "Books Print Press Media Graphics Design Publishing Packaging Labels Events Marketing Studio"
    " Foods Pharma Logistics Trading Tech Systems Hotels Travel Fashion Retail Bank Insurance"
    " Schools Clinic Motors Wines Coffee Sports"
).split()
CO_C = ["Ltd", "Co.", "Inc.", "GmbH", "LLC", "Group", "& Sons", "Partners", "Holdings", "S.A."]
CN_CITY = list("上海 北京 深圳 广州 杭州 南京 苏州 成都 武汉 天津 重庆 西安 厦门 青岛 宁波".split())
CN_TRADE = "印务 印刷 文化 传媒 科技 包装 广告 出版 贸易 实业 设计 食品 医药 物流 教育".split()
CITY = (
    "Shanghai|Beijing|Shenzhen|Guangzhou|Hangzhou|Nanjing|Suzhou|Chengdu|Wuhan|Tianjin|Hong Kong"
    "|Taipei|Singapore|London|Manchester|Berlin|Munich|Paris|Lyon|Milan|Madrid|Amsterdam"
    "|New York|Chicago|Toronto|Sydney"
).split("|")
CN_CITY_FULL = [city + "市" for city in CN_CITY]
STREET = (
    "Nanjing Road|Huaihai Road|Century Avenue|High Street|Station Road|Church Lane"
    "|Market Street|King Street|Queen Street|Park Avenue|Main Street|Hauptstraße"
    "|Rue de la Paix|Via Roma|Harbour Road|Mill Lane|Victoria Road|Bridge Street"
).split("|")
CN_STREET = (
    "建国路 人民路 中山路 解放路 长安街 南京东路 淮海中路 世纪大道 科技园路 滨江大道 延安西路"
    " 东风路 和平路 朝阳路 友谊路 新华路"
).split()
MAIL = "gmail.com qq.com 163.com 126.com outlook.com yahoo.com hotmail.com sina.com icloud.com"
MAIL = MAIL.split()

# SQL snippets (constant code; the pools are parameters of the queries below).
PICK = "(%(pool)s)[1 + floor(random() * cardinality(%(pool)s))::int]"
# A number in one of eight formats, from the parts of PHONE_PARTS (alias {t}): a mobile m
# (11 digits), an area code a and a landline l (8 digits).
PHONE = """CASE floor(random() * 8)::int
    WHEN 0 THEN {t}.m
    WHEN 1 THEN substr({t}.m, 1, 3) || '-' || substr({t}.m, 4, 4) || '-' || substr({t}.m, 8)
    WHEN 2 THEN '+86 ' || substr({t}.m, 1, 3) || ' ' || substr({t}.m, 4, 4) || ' '
                || substr({t}.m, 8)
    WHEN 3 THEN substr({t}.m, 1, 3) || ' ' || substr({t}.m, 4, 4) || ' ' || substr({t}.m, 8)
    WHEN 4 THEN '(0' || {t}.a || ') ' || substr({t}.l, 1, 4) || ' ' || substr({t}.l, 5)
    WHEN 5 THEN '0' || {t}.a || '-' || {t}.l
    WHEN 6 THEN '+86 ' || {t}.a || ' ' || substr({t}.l, 1, 4) || ' ' || substr({t}.l, 5)
    ELSE '+44 20 ' || substr({t}.l, 1, 4) || ' ' || substr({t}.l, 5) END"""
# Correlated with the row (gs.g), so that PostgreSQL draws new numbers for each row.
PHONE_PARTS = """LATERAL (SELECT '1' || (ARRAY['3','5','8','9'])[1 + floor(random() * 4)::int]
        || lpad(floor(random() * 1e9)::bigint::text, 9, '0') AS m,
    (ARRAY['10','21','755','20','571','25'])[1 + floor(random() * 6)::int] AS a,
    lpad(floor(random() * 1e8)::bigint::text, 8, '0') AS l WHERE gs.g > 0) AS {t}"""
DIGITS = """nullif(concat_ws(' ', nullif(regexp_replace(phone, '\\D', '', 'g'), ''),
    nullif(regexp_replace(mobile, '\\D', '', 'g'), '')), '')"""


def pick(pool):
    return PICK % {"pool": pool}


def _pools():
    return {
        "first": FIRST,
        "last": LAST,
        "syl_a": SYLLABLE_A,
        "syl_b": SYLLABLE_B,
        "cn_last": CN_LAST,
        "cn_last_py": [CN_LAST_PINYIN[char] for char in CN_LAST],
        "cn_given": CN_GIVEN,
        "cn_given_py": CN_GIVEN_PINYIN,
        "co_a": CO_A,
        "co_b": CO_B,
        "co_c": CO_C,
        "cn_city": CN_CITY,
        "cn_trade": CN_TRADE,
        "city": CITY,
        "cn_city_full": CN_CITY_FULL,
        "street": STREET,
        "cn_street": CN_STREET,
        "mail": MAIL,
    }


def _pools_cte():
    from odoo.tools import SQL

    pools = _pools()
    return SQL(
        "pools AS (SELECT %s)",
        SQL(", ").join(
            SQL("%s::text[] AS %s", values, SQL.identifier(f"pool_{name}"))
            for name, values in pools.items()
        ),
    )


def _generate(env):
    """Insert the partners, orders and estimates; return the first generated partner id."""
    from odoo.tools import SQL

    cr = env.cr
    assert len(CN_GIVEN) == len(CN_GIVEN_PINYIN)
    cr.execute(SQL("SELECT setseed(%s)", 0.42))
    cr.execute(SQL("SELECT nextval('res_partner_id_seq')"))
    (base,) = cr.fetchone()
    columns = SQL(
        "id, name, complete_name, parent_id, commercial_partner_id, commercial_company_name,"
        " is_company, type, active, partner_share, lang, autopost_bills, customer_rank, email,"
        " email_normalized, phone, mobile, street, city, zip, print_phone_digits,"
        " create_date, write_date, create_uid, write_uid"
    )
    # Companies: half Latin ("Kelmont Print Ltd", "Harbour Books & Sons"), half Chinese.
    cr.execute(
        SQL(
            """WITH %(pools)s
            INSERT INTO res_partner (%(columns)s)
            SELECT id, name, name, NULL, id, name, true, 'contact', true, true, lang, 'ask', 1,
                   email, email, phone, mobile, street, city, zip, %(digits)s,
                   now(), now(), 1, 1
              FROM (SELECT id, name, lang, phone, mobile, street, city, zip,
                           CASE WHEN random() < 0.9 THEN 'info' || mod(g, 97) || '@'
                                || CASE WHEN chinese THEN 'cn' || g ELSE
                                lower(regexp_replace(name, '[^A-Za-z]+', '', 'g')) END
                                || '.example' END AS email
                      FROM (SELECT g, %(base)s + g AS id, chinese,
                                   CASE WHEN chinese THEN %(cn_city)s || %(cn_given)s
                                        || %(cn_given)s || %(cn_trade)s || '有限公司'
                                   WHEN random() < 0.5 THEN %(syl_a)s || %(syl_b)s || ' '
                                        || %(co_b)s || ' ' || %(co_c)s
                                   ELSE %(co_a)s || ' ' || %(co_b)s || ' ' || %(co_c)s END AS name,
                                   CASE WHEN chinese THEN 'zh_CN' ELSE 'en_US' END AS lang,
                                   CASE WHEN random() < 0.95 THEN %(phone)s END AS phone,
                                   CASE WHEN random() < 0.3 THEN %(mobile)s END AS mobile,
                                   CASE WHEN chinese THEN %(cn_street)s
                                        || (1 + floor(random() * 300))::int || '号'
                                   ELSE (1 + floor(random() * 300))::int || ' ' || %(street)s
                                   END AS street,
                                   CASE WHEN chinese THEN %(cn_city_full)s ELSE %(city)s
                                   END AS city,
                                   lpad(floor(random() * 1e6)::int::text, 6, '0') AS zip
                              FROM (SELECT g, mod(g, 2) = 1 AS chinese
                                      FROM generate_series(1, %(count)s) g) gs,
                                   %(phone_parts)s, %(mobile_parts)s, pools p) c) s""",
            pools=_pools_cte(),
            columns=columns,
            digits=SQL(DIGITS),
            base=base,
            count=COMPANIES,
            phone=SQL(PHONE.format(t="ph")),
            mobile=SQL(PHONE.format(t="mo")),
            phone_parts=SQL(PHONE_PARTS.format(t="ph")),
            mobile_parts=SQL(PHONE_PARTS.format(t="mo")),
            **{name: SQL(pick(f"p.pool_{name}")) for name in _pools()},
        )
    )
    # People: half Chinese (王伟, 李秀英...), half Latin; a third are a company's contacts.
    cr.execute(
        SQL(
            """WITH %(pools)s
            INSERT INTO res_partner (%(columns)s)
            SELECT n.id, n.name,
                   CASE WHEN n.parent_id IS NULL THEN n.name ELSE parent.name || ', ' || n.name END,
                   n.parent_id, coalesce(n.parent_id, n.id), parent.name, false, 'contact', true,
                   true, n.lang, 'ask', 1, n.email, n.email, n.phone, n.mobile, n.street, n.city,
                   n.zip, %(digits)s, now(), now(), 1, 1
              FROM (SELECT id, parent_id, lang, phone, mobile, street, city, zip,
                           CASE WHEN chinese THEN cn_last || cn_given1 || cn_given2
                                ELSE first || ' ' || last END AS name,
                           CASE WHEN random() < 0.85 THEN
                                CASE WHEN chinese THEN p.pool_cn_last_py[i_last]
                                     || p.pool_cn_given_py[i_g1]
                                     || coalesce(p.pool_cn_given_py[i_g2], '')
                                ELSE lower(first || '.' || last) END
                                || mod(g, 1000) || '@' || mail END AS email
                      FROM (SELECT g, %(base)s + %(companies)s + g AS id, chinese, i_last, i_g1,
                                   i_g2, p.pool_cn_last[i_last] AS cn_last,
                                   p.pool_cn_given[i_g1] AS cn_given1,
                                   coalesce(p.pool_cn_given[i_g2], '') AS cn_given2,
                                   %(first)s AS first,
                                   CASE WHEN random() < 0.4 THEN %(last)s
                                        ELSE %(syl_a)s || %(syl_b)s END AS last,
                                   %(mail)s AS mail,
                                   CASE WHEN random() < 0.35 THEN %(base)s + 1
                                        + floor(random() * %(companies)s)::int END AS parent_id,
                                   CASE WHEN chinese THEN 'zh_CN' ELSE 'en_US' END AS lang,
                                   CASE WHEN random() < 0.7 THEN %(phone)s END AS phone,
                                   CASE WHEN random() < 0.6 THEN %(mobile)s END AS mobile,
                                   CASE WHEN random() < 0.2 THEN NULL WHEN chinese
                                        THEN %(cn_street)s || (1 + floor(random() * 300))::int
                                        || '号'
                                   ELSE (1 + floor(random() * 300))::int || ' ' || %(street)s
                                   END AS street,
                                   CASE WHEN chinese AND random() < 0.8 THEN %(cn_city_full)s
                                        ELSE %(city)s END AS city,
                                   lpad(floor(random() * 1e6)::int::text, 6, '0') AS zip
                              FROM (SELECT g, mod(g, 2) = 1 AS chinese,
                                           1 + floor(random() * %(n_last)s)::int AS i_last,
                                           1 + floor(random() * %(n_given)s)::int AS i_g1,
                                           CASE WHEN random() < 0.6
                                                THEN 1 + floor(random() * %(n_given)s)::int
                                                ELSE 0 END AS i_g2
                                      FROM generate_series(1, %(count)s) g) gs,
                                   %(phone_parts)s, %(mobile_parts)s, pools p) c,
                           pools p) n
              LEFT JOIN res_partner parent ON parent.id = n.parent_id""",
            pools=_pools_cte(),
            columns=columns,
            digits=SQL(DIGITS.replace("phone", "n.phone").replace("mobile", "n.mobile")),
            base=base,
            companies=COMPANIES,
            count=PEOPLE,
            n_last=len(CN_LAST),
            n_given=len(CN_GIVEN),
            phone=SQL(PHONE.format(t="ph")),
            mobile=SQL(PHONE.format(t="mo")),
            phone_parts=SQL(PHONE_PARTS.format(t="ph")),
            mobile_parts=SQL(PHONE_PARTS.format(t="mo")),
            **{name: SQL(pick(f"p.pool_{name}")) for name in _pools()},
        )
    )
    cr.execute(SQL("SELECT setval('res_partner_id_seq', %s)", base + COMPANIES + PEOPLE))
    company = env.company
    cr.execute(
        SQL(
            """INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id,
                   company_id, currency_id, date_order, state, create_date, write_date,
                   create_uid, write_uid)
            SELECT 'S' || lpad(g::text, greatest(5, length(g::text)), '0'), pid, pid, pid, %s, %s,
                   now() - random() * interval '700 days', 'sale', now(), now(), 1, 1
              FROM (SELECT g, %s + 1 + floor(random() * %s)::int AS pid
                      FROM generate_series(1, %s) g) s""",
            company.id,
            company.currency_id.id,
            base,
            COMPANIES + PEOPLE,
            ORDERS,
        )
    )
    cr.execute(
        SQL(
            """INSERT INTO print_estimate (name, partner_id, company_id, date, finished_width,
                   finished_height, product_kind, state, title, revision, create_date,
                   write_date, create_uid, write_uid)
            SELECT 'EST/2025/' || lpad(g::text, 5, '0'), pid, %s, current_date, 210, 297,
                   'flat', 'sent', 'Flyer', 0, now(), now(), 1, 1
              FROM (SELECT g, %s + 1 + floor(random() * %s)::int AS pid
                      FROM generate_series(1, %s) g) s""",
            company.id,
            base,
            COMPANIES + PEOPLE,
            ESTIMATES,
        )
    )
    return base + 1


def _drop_partner_indexes(env):
    """Drop the partner table's secondary indexes (bulk loading is faster without them);
    return the definitions of those that are not the lookup's, to build them again."""
    from odoo.tools import SQL

    from odoo.addons.print_crm_quote.models.res_partner_lookup import INDEXES

    cr = env.cr
    lookup = {index_name for index_name, *_rest in INDEXES}
    cr.execute(
        SQL(
            """SELECT i.indexname, i.indexdef FROM pg_indexes i
                 JOIN pg_class c ON c.relname = i.indexname
                 JOIN pg_index x ON x.indexrelid = c.oid
                WHERE i.tablename = 'res_partner' AND NOT x.indisunique"""
        )
    )
    others = []
    for index_name, definition in cr.fetchall():
        cr.execute(SQL("DROP INDEX %s", SQL.identifier(index_name)))
        if index_name not in lookup:
            others.append(definition)
    return others


def _build_indexes(env, definitions):
    """Build Odoo's partner indexes again, then the lookup's as the module does, and ANALYZE."""
    from odoo.tools import SQL

    cr = env.cr
    for definition in definitions:
        cr.execute(SQL(definition))  # a definition PostgreSQL gave, no value in it
    env["res.partner"]._print_lookup_create_indexes()
    for table in ("res_partner", "sale_order", "print_estimate"):
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))


def _typo(name, rng):
    """The first two words of a company ``name``, two neighbouring letters of the longer
    swapped (not its first): "Harbour Books Ltd" -> "Harbuor Books"."""
    words = name.split()[:2]
    i = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[i]
    at = rng.randrange(1, len(word) - 2)
    words[i] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return " ".join(words)


def _queries(env, first_id, rng):
    """{kind: [query, ...]}: fragments of random generated records, typed as people do."""
    from odoo.tools import SQL

    cr = env.cr
    ids = [first_id + rng.randrange(COMPANIES + PEOPLE) for __ in range(4000)]
    company_ids = [first_id + rng.randrange(COMPANIES) for __ in range(400)]
    cr.execute(
        SQL(
            "SELECT id, name, email, print_phone_digits, mobile, street, city, zip, is_company"
            " FROM res_partner WHERE id = ANY(%s)",
            ids + company_ids,
        )
    )
    rows = {row[0]: row[1:] for row in cr.fetchall()}
    people = [rows[i] for i in ids if not rows[i][7]]
    companies = [rows[i] for i in company_ids]
    latin = [r for r in people if r[0].isascii()]
    chinese = [r for r in people if not r[0].isascii()]
    latin_companies = [r for r in companies if r[0].isascii()]
    chinese_companies = [r for r in companies if not r[0].isascii()]
    mobiles = [
        number
        for r in people + companies
        for number in (r[2] or "").split()
        if len(number) == 11 and number.startswith("1")
    ]
    kinds = {
        "name_latin": [rng.choice(latin)[0].split()[-1] for __ in range(PER_KIND)],
        "name_latin_full": [rng.choice(latin)[0] for __ in range(PER_KIND)],
        "company_prefix": [rng.choice(latin_companies)[0][:6] for __ in range(PER_KIND)],
        "name_cjk_2": [rng.choice(chinese)[0][:2] for __ in range(PER_KIND)],
        "name_cjk_full": [rng.choice(chinese)[0] for __ in range(PER_KIND)],
        "company_cjk": [rng.choice(chinese_companies)[0][2:6] for __ in range(PER_KIND)],
        "phone_separators": [f"{n[:3]}-{n[3:7]} {n[7:]}" for n in rng.sample(mobiles, PER_KIND)],
        "phone_country_code": [
            f"+86 {n[:3]} {n[3:7]} {n[7:]}" for n in rng.sample(mobiles, PER_KIND)
        ],
        "phone_tail": [n[-6:] for n in rng.sample(mobiles, PER_KIND)],
        "email": [r[1].split("@")[0] for r in rng.sample([r for r in people if r[1]], PER_KIND)],
        "street": [r[4] for r in rng.sample([r for r in people if r[4]], PER_KIND)],
        "city_zip": [f"{r[5]} {r[6]}" for r in rng.sample(people, PER_KIND)],
        "order_ref": [f"S{rng.randrange(1, ORDERS):05d}" for __ in range(PER_KIND)],
        "estimate_ref": [f"EST/2025/{rng.randrange(1, ESTIMATES):05d}" for __ in range(PER_KIND)],
        "fuzzy_company": [_typo(rng.choice(latin_companies)[0], rng) for __ in range(PER_KIND)],
        "no_match": [f"zq{rng.randrange(10**6)}x" for __ in range(PER_KIND)],
    }
    return kinds


def _user(env):
    return env["res.users"].create(
        {
            "name": "Bench Call Centre",
            "login": "bench-lookup",
            "groups_id": [(6, 0, [env.ref("print_crm_quote.group_estimate_user").id])],
        }
    )


SPEC = {
    "complete_name": {},
    "parent_id": {"fields": {"display_name": {}}},
    "phone": {},
    "mobile": {},
    "email": {},
    "street": {},
    "city": {},
    "ref": {},
    "user_id": {"fields": {"display_name": {}}},
}


def _time(env, fn):
    env.invalidate_all()
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main():
    from odoo.tools import SQL

    rng = random.Random(SEED)
    with odoo_env(settle=("res_partner",)) as env:
        start = time.perf_counter()
        env.cr.execute(SQL("SET LOCAL maintenance_work_mem = '256MB'"))
        definitions = _drop_partner_indexes(env)
        first_id = _generate(env)
        generated = time.perf_counter()
        _build_indexes(env, definitions)
        indexed = time.perf_counter()
        report("customer.lookup_1m_generate", generated - start, "s")
        report("customer.lookup_1m_build_indexes", indexed - generated, "s")

        kinds = _queries(env, first_id, rng)
        Partner = env["res.partner"].with_user(_user(env))
        # Warm the ORM's caches (rules, fields, views) as a running server has them.
        for queries in kinds.values():
            Partner.web_search_read([("print_lookup", "ilike", queries[0])], SPEC, limit=80)

        search_box, quick = {}, {}
        for kind, queries in kinds.items():
            search_box[kind] = [
                _time(
                    env,
                    lambda q=q: Partner.web_search_read(
                        [("print_lookup", "ilike", q)], SPEC, limit=80
                    ),
                )
                for q in queries
            ]
            quick[kind] = [_time(env, lambda q=q: Partner._print_lookup(q)) for q in queries]
        every = sorted(ms for timings in search_box.values() for ms in timings)
        p95 = statistics.quantiles(every, n=20)[-1]
        report("customer.lookup_1m_p95", p95, "ms")
        report("customer.lookup_1m_p50", statistics.median(every), "ms")
        report("customer.lookup_1m_max", every[-1], "ms")
        for kind, timings in search_box.items():
            report(f"customer.lookup_1m_p95.{kind}", statistics.quantiles(timings, n=20)[-1], "ms")
        every_quick = sorted(ms for timings in quick.values() for ms in timings)
        report("customer.lookup_1m_quick8_p95", statistics.quantiles(every_quick, n=20)[-1], "ms")
        # Stock name_search on the same partners, for comparison (a few runs: seconds each).
        stock = [
            _time(env, lambda q=q: Partner.name_search(q, limit=8))
            for q in (kinds["name_latin"][0], kinds["email"][0], kinds["name_cjk_2"][0])
        ]
        report("customer.stock_name_search_1m_p50", statistics.median(stock), "ms")
        report("customer.lookup_1m_total_runtime", time.perf_counter() - start, "s")


if __name__ == "__main__":
    main()
