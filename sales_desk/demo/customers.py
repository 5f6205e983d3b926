"""Demo step "customers": sixty companies across China's regions and industries.

Bulk-inserted with SQLAlchemy Core (DESIGN.md: importers and generators use Core),
each with a key contact, assigned round the demo sales reps, reviewed by their
supervisor, and recently kept up to date. Classification codes are those of
domain.customers; the Chinese words below only make the names and addresses.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert, select

from sales_desk.demo.context import DemoContext
from sales_desk.domain.common.pinyin_keys import person_keys
from sales_desk.domain.common.roles import Role
from sales_desk.domain.customers.files import ReviewStatus, ValueBands, name_keys, value_grade_for
from sales_desk.i18n import N_
from sales_desk.models import Customer, CustomerContact
from sales_desk.services.admin.settings import load_settings

CUSTOMER_COUNT = 60

# region code → [(province prefix of the address, city, area code, districts)], and a weight
# (a Shanghai firm: most customers in East China).
CITIES: dict[str, tuple[int, list[tuple[str, str, str, tuple[str, ...]]]]] = {
    "east": (30, [
        ("", "上海", "021", ("浦东新区", "闵行区", "嘉定区", "松江区")),
        ("江苏省", "苏州", "0512", ("工业园区", "吴中区", "相城区")),
        ("江苏省", "南京", "025", ("江宁区", "栖霞区", "浦口区")),
        ("浙江省", "杭州", "0571", ("余杭区", "滨江区", "萧山区")),
        ("浙江省", "宁波", "0574", ("鄞州区", "北仑区")),
        ("山东省", "青岛", "0532", ("黄岛区", "城阳区")),
    ]),
    "north": (15, [
        ("", "北京", "010", ("朝阳区", "海淀区", "大兴区", "顺义区")),
        ("", "天津", "022", ("滨海新区", "西青区", "津南区")),
        ("河北省", "石家庄", "0311", ("长安区", "裕华区")),
        ("山西省", "太原", "0351", ("小店区", "万柏林区")),
    ]),
    "south": (18, [
        ("广东省", "广州", "020", ("天河区", "番禺区", "黄埔区")),
        ("广东省", "深圳", "0755", ("南山区", "宝安区", "龙岗区")),
        ("广东省", "东莞", "0769", ("长安镇", "松山湖高新区")),
        ("广东省", "佛山", "0757", ("顺德区", "南海区")),
        ("福建省", "厦门", "0592", ("湖里区", "集美区")),
    ]),
    "central": (12, [
        ("湖北省", "武汉", "027", ("江夏区", "东西湖区", "洪山区")),
        ("湖南省", "长沙", "0731", ("岳麓区", "雨花区")),
        ("河南省", "郑州", "0371", ("金水区", "管城回族区", "中原区")),
    ]),
    "southwest": (10, [
        ("四川省", "成都", "028", ("高新区", "武侯区", "双流区")),
        ("", "重庆", "023", ("渝北区", "九龙坡区", "沙坪坝区")),
        ("云南省", "昆明", "0871", ("官渡区", "五华区")),
    ]),
    "northwest": (7, [
        ("陕西省", "西安", "029", ("雁塔区", "未央区", "长安区")),
        ("甘肃省", "兰州", "0931", ("城关区", "安宁区")),
        ("新疆维吾尔自治区", "乌鲁木齐", "0991", ("天山区", "新市区")),
    ]),
    "northeast": (8, [
        ("辽宁省", "沈阳", "024", ("铁西区", "浑南区")),
        ("辽宁省", "大连", "0411", ("甘井子区", "金州区")),
        ("黑龙江省", "哈尔滨", "0451", ("南岗区", "道里区")),
        ("吉林省", "长春", "0431", ("朝阳区", "绿园区")),
    ]),
}

# trade (as people say it) → (industry code, words for the company's business)
TRADES: dict[str, tuple[str, tuple[str, ...]]] = {
    "机械制造": ("manufacturing", ("机电设备", "机械制造", "重工机械", "精密机械", "液压设备")),
    "电子元件": ("manufacturing", ("电子科技", "电子元件", "微电子", "光电科技")),
    "化工": ("manufacturing", ("化工", "精细化工", "化学工业", "新材料")),
    "建材": ("construction", ("建材", "新型建材", "建筑材料", "装饰材料")),
    "食品饮料": ("food", ("食品", "饮品", "食品饮料", "粮油食品")),
    "纺织服装": ("manufacturing", ("纺织", "服饰", "纺织品", "制衣")),
    "医药": ("healthcare", ("医药", "生物医药", "药业", "医疗器械")),
    "物流": ("logistics", ("物流", "供应链管理", "货运代理", "仓储物流")),
}

NATURES = (("private", 55), ("state", 15), ("joint", 15), ("foreign", 15))  # 民营 国有 合资 外资
TYPES = (("distributor", 40), ("end_user", 40), ("agent", 20))  # 经销商 终端客户 代理商

BRANDS = (
    "宏达", "华通", "鑫源", "恒泰", "金鼎", "瑞丰", "永盛", "天成", "中联", "德润", "海纳",
    "广源", "盛世", "凯达", "博远", "东升", "新宇", "佳和", "信诚", "万隆", "泰和", "嘉禾",
    "锦程", "明辉", "富源", "联创", "远航", "思源", "九州", "同创", "华盛", "兴业", "长青",
    "振华", "安泰", "利民", "亿丰", "卓越", "荣昌", "裕隆",
)
FOREIGN_BRANDS = ("凯斯特", "博朗特", "维克森", "艾德曼", "霍尔曼", "莱恩斯", "史丹利", "菲尼克")
ROADS = (
    "人民路", "建设路", "解放路", "中山路", "科技路", "工业大道", "发展大道", "长江路", "黄河路",
    "和平路", "新华路", "文化路", "创业路", "高新大道", "科技园路", "滨河路", "金桥路", "湖滨路",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明",
    "超", "秀英", "华", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "国庆", "玉兰",
    "文斌", "雪梅", "立新",
)
POSITIONS = ("采购经理", "采购主管", "总经理", "副总经理", "物资部部长", "供应链总监")
# Annual sales with us, in yuan: a few large accounts, many middling and small ones.
SALES_TIERS = {"large": (1_000_000, 3_000_000), "mid": (300_000, 1_000_000),
               "small": (50_000, 300_000), "tiny": (20_000, 50_000)}
SALES_WEIGHTS = (("large", 20), ("mid", 30), ("small", 35), ("tiny", 15))
MOBILE_PREFIXES = ("135", "136", "137", "138", "139", "150", "151", "158", "186", "189")


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _w in table], weights=[w for _k, w in table])[0]


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _company(rng: random.Random, city: str, nature: str, trade_words: tuple[str, ...]) -> tuple[str, str]:
    """(full name, short name), e.g. 上海宏达机电设备有限公司 / 宏达机电."""
    business = rng.choice(trade_words)
    if nature == "foreign":
        brand = rng.choice(FOREIGN_BRANDS)
        return f"{brand}（{city}）{business}有限公司", f"{brand}{business[:2]}"
    brand = rng.choice(BRANDS)
    if nature == "state":
        suffix = rng.choice(("集团有限公司", "有限责任公司"))
    else:
        suffix = rng.choice(("有限公司", "有限公司", "股份有限公司"))
    return f"{city}{brand}{business}{suffix}", f"{brand}{business[:2]}"


def _customer_rows(ctx: DemoContext, rng: random.Random) -> tuple[list[dict], list[tuple[str, dict]]]:
    reps = ctx.staff(Role.SALES_REP)
    supervisor = ctx.staff(Role.SALES_SUPERVISOR)[0]
    bands = ValueBands.from_settings(load_settings(ctx.uow))
    regions = tuple((code, weight) for code, (weight, _cities) in CITIES.items())
    trades = tuple(TRADES)
    names: set[str] = set()
    rows: list[dict] = []
    contacts: list[tuple[str, dict]] = []
    for i in range(1, CUSTOMER_COUNT + 1):
        region = _weighted(rng, regions)
        province, city, area, districts = rng.choice(CITIES[region][1])
        trade = trades[(i - 1) % len(trades)] if i <= len(trades) else rng.choice(trades)
        industry, words = TRADES[trade]
        nature = _weighted(rng, NATURES)
        name, short = _company(rng, city, nature, words)
        while name in names:
            name, short = _company(rng, city, nature, words)
        names.add(name)
        code = f"C{i:04d}"
        rep = reps[(i - 1) % len(reps)]
        staff_count = rng.choice((30, 60, 120, 200, 350, 500, 800, 1500, 3000))
        low, high = SALES_TIERS[_weighted(rng, SALES_WEIGHTS)]
        annual_sales = rng.randrange(low, high, 1000) * 100  # yuan → fen
        grade = value_grade_for(annual_sales, bands)
        founded = date(rng.randint(1992, 2019), rng.randint(1, 12), rng.randint(1, 28))
        trading_since = ctx.today - timedelta(days=rng.randint(120, 3000))
        rows.append({
            "code": code,
            "name": name,
            "short_name": short,
            **name_keys(code, name, short),
            "registration_no": "91" + "".join(rng.choice("0123456789") for _ in range(6))
                               + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(10)),
            "address": f"{province}{city}市{rng.choice(districts)}{rng.choice(ROADS)}{rng.randint(1, 999)}号",
            "phone": f"{area}-{rng.randint(5, 8)}{rng.randint(0, 9_999_999):07d}",
            "legal_representative": _person(rng),
            "founded_on": founded,
            "trading_since": max(trading_since, founded),
            "staff_count": staff_count,
            "company_size": "大型" if staff_count >= 1000 else "中型" if staff_count >= 300 else "小型",
            "registered_capital": rng.choice((500, 1000, 2000, 5000, 10000)) * 10_000 * 100,
            "region": region,
            "industry": industry,
            "nature": nature,
            "customer_type": _weighted(rng, TYPES),
            # foreign-invested firms get their letters in English, the rest in Chinese
            "language": "en" if nature in ("foreign", "joint") else "zh_CN",
            "annual_sales": annual_sales,
            "value_grade": grade.value,
            "key_account": grade.value == "A",
            "rep_id": rep.user_id,
            "created_by_id": rep.user_id,
            "first_contact_on": trading_since - timedelta(days=rng.randint(10, 90)),
            "file_updated_on": ctx.today - timedelta(days=rng.randint(0, 75)),
            "review_status": ReviewStatus.REVIEWED.value,
            "reviewed_by_id": supervisor.user_id,
            "reviewed_at": ctx.now,
            "created_at": ctx.now,
            "updated_at": ctx.now,
        })
        contacts.append((code, {
            "name": _person(rng),
            "position": rng.choice(POSITIONS),
            "phone": rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}",
            "email": "",
            "key_person": True,
            "note": "",
        }))
    return rows, contacts


def create_customers(ctx: DemoContext) -> None:
    rows, contacts = _customer_rows(ctx, ctx.rng("customers"))
    session = ctx.uow.session
    session.execute(insert(Customer.__table__), rows)
    ids = dict(session.execute(select(Customer.code, Customer.id).where(
        Customer.code.in_([r["code"] for r in rows]))).all())
    session.execute(insert(CustomerContact.__table__), [{"customer_id": ids[code], **c, **person_keys([], c["name"])}
                                                        for code, c in contacts])
    ctx.customer_ids.extend(ids[r["code"]] for r in rows)
    # Each file's history starts where the form's would, so `check` finds them all explained.
    ctx.uow.audit_many(("customer.create", "customer", ids[r["code"]], None,
                        {"code": r["code"], "name": r["name"], "rep_id": r["rep_id"], "via": "demo"})
                       for r in rows)
    ctx.made(N_("customers"), len(rows))
