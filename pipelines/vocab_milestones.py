"""Vocabularies for milestone extraction (pipelines/milestones.py), in Simplified Chinese.

Every list says where its words come from (SCHEMA.md's table, the issue, the
usage of local-government news in general) and what it must NOT match. They
are meant to grow: add a word here, add a test in tests/test_milestones_*.py.
"""

from __future__ import annotations

# --- Triggers -----------------------------------------------------------------
# (pattern, types). Tried in this order at each position, so a compound comes before
# its parts; a compound gives two milestones ("竣工投产" = completed + operating, as
# SCHEMA's annotators read it).
# Source: SCHEMA.md "typical words", extended with the usual synonyms of
# project news (开建, 破土动工, 主体结构封顶, 建成运营 ...).
# Each is a regex fragment; lookaheads keep out noun uses handled by EXCLUDE_AFTER.
TRIGGERS: list[tuple[str, tuple[str, ...]]] = [
    # completion and production together
    (
        r"竣工投产|竣工投用|竣工投运|竣工运营|建成投产|建成投用|建成投运|建成运营|建成运行|建成使用|建成开业"
        r"|建成通车|建成并网"
        r"|完工投产|建成并投入(?:使用|运行|运营)|竣工并投入(?:使用|运行|运营)",
        ("completed", "operating"),
    ),
    # a batch start ("集中开工"): before 签约… only so that "集中" never opens a name
    (r"集中开工|集中开建", ("started",)),
    # signing and settling: 签约落户 / 签约落地 is one event; 落地 only of a deal
    # ("落地生花" is a figure of speech: EXCLUDE_AFTER)
    (
        r"签约落户|签约落地|正式签约|成功签约|集中签约|签约|签署|签订|落户|相继落地|正式落地|成功落地"
        r"|顺利落地|落地",
        ("signed",),
    ),
    # approvals and permits (SCHEMA: land, planning, environment, filing, construction permit)
    (
        r"(?:取得|领取|领到|拿到|获得|核发|颁发|发放|办理|办结|办齐)(?:了)?[^，。；]{0,40}?施工许可证"
        r"|完成施工许可证办理|拿证|同意核准|予以核准|批复同意|同意批复|获得(?:了)?核准|同意建设"
        r"|(?:印发|下达|出具)(?:了)?[^，。；]{0,8}?(?:核准批复|批复|核准|批准)"
        r"|[五四三六多]证联发|[五四三六多]证齐发|(?:取得|获得|拿到)(?:了)?(?:[^，。；]{0,12})?批文"
        r"|(?:取得|获得|拿到)(?:了)?(?:[^，。；]{0,8})?(?:批复|核准|规划许可证|用地规划许可证|工程规划许可证|不动产权证)"
        r"|获(?:得)?(?:了)?[^，。；]{0,18}?(?:批复|批准|核准)|获批|通过(?:了)?(?:环评|审批|核准|规划审查)"
        # "正在办理施工许可" is still pending: no approval yet
        r"|(?<!正在)(?:完成|取得|获得|办理|办结|拿到)(?:了)?[^，。；]{0,12}?(?:备案|立项|规划许可|施工许可|用地许可|预审)"
        r"|(?<!正在)(?:取得|获得|拿到|办理|核发)(?:了)?[^，。；]{0,6}?(?:规划许可证|用地许可证|不动产权证|土地证)",
        ("approved",),
    ),
    # construction started
    (
        r"开工建设|开工|开建|动工兴建|动工建设|破土动工|动工|破土|奠基|进场施工|开钻|开始建设"
        r"|将建(?![成设立])",
        ("started",),
    ),
    # topped out (SCHEMA: 封顶, 主体完工; the dev gold also reads 完成主体工程 so)
    (
        r"主体结构(?:全面)?封顶|全面封顶|封顶|主体(?:结构)?(?:工程)?(?:已经|已|基本)?完工|完成(?:了)?主体(?:结构|工程)|主体竣工",
        ("topped_out",),
    ),
    # construction finished
    (
        r"竣工验收|竣工交付|竣工|(?<!的)建成(?![集为成区将能可])|完工|交付使用"
        r"|通过(?:了)?[^，。；]{0,16}?(?:竣工|联合|综合|整体)验收",
        ("completed",),
    ),
    # production / use
    (
        r"投入(?:使用|运行|运营|生产)|投产|投用|投运|试生产|试运行|试运营|正式运营|运营|达产|满产|通车|开业|开园"
        r"|并网发电|全容量并网|并网|开诊|开馆|开门迎客|通水运行|通水|通航|通气|送电|正式运行|正式启用|启用"
        r"|正式开通|建成开通|全线开通|开通运行|开通试运营|投料试车|试车成功"
        # a park or venue opening to the public ("下月将向市民开放"); not "改革开放"
        r"|向[^，。；]{0,6}?开放",
        ("operating",),
    ),
]

# A trigger followed by these is a noun or a state, not the event:
# "开工率", "开工条件", "竣工投产项目进行回访", "签约金额", "以本次集中开工为契机",
# "投产达效" (a slogan). "达产后可实现" is a condition: see CONDITIONAL_AFTER.
EXCLUDE_AFTER = (
    "率", "条件", "手续", "准备", "时间", "节点", "计划", "目标", "任务", "工作", "达效", "动员",
    "项目进行", "项目实行", "服务", "环节", "流程", "审批", "许可", "倒计时", "生花", "见效",
    "一批", "活动", "专班", "金额", "为契机", "为抓手",
    # a trigger inside a name or a noun: "运营中心", "投产运营商", "开业庆典"
    "中心", "总部", "基地", "管理", "商", "模式", "公司", "主体", "平台", "成本", "效益", "能力",
    "资金", "方案", "庆典", "额", "大会", "会议", "土地", "出让",
)  # fmt: skip
# ... and preceded by these: "早开工、早投产" (a slogan), "促签约", "抓开工",
# "开复工" (resumption, not a start), "待批复" (still pending), "未开工",
# "能落地、能开工" / "可投产" (what could happen), "尚需办理立项" (still required).
EXCLUDE_BEFORE = ("早", "促", "抓", "快", "未", "待", "复", "拟落", "报", "不", "保", "能", "可", "需")
# A trigger then "后" is a condition ("建成后将...", "达产后可实现"), a milestone only
# when a time is given right before it ("2026年10月建成后" -> completed, planned).
CONDITIONAL_AFTER = "后"

# --- Status markers -------------------------------------------------------------
# Source: the list (计划/预计/拟/将/力争/确保/目标/有望/即将) plus usual
# variants. Must not match "计划总投资" (an amount) or "年度计划" (a budget):
# see PLANNED_NOT.
PLANNED_MARKERS = (
    "计划", "预计", "拟", "将于", "将在", "将", "力争", "确保", "目标", "有望", "即将", "争取",
    "准备", "年内", "预期", "规划于", "可望", "尚未", "为实现", "以实现", "为确保",
)  # fmt: skip
PLANNED_NOT = ("计划总投资", "计划投资", "年度计划", "年计划", "计划完成投资", "将建成",
               "将成为", "将形成", "将进一步", "将有", "原计划", "比计划", "较计划", "计划工期",
               "计划节点")  # fmt: skip
DONE_MARKERS = ("已经", "已", "顺利", "目前", "成功", "相继", "日前", "近日")

# --- Project names ------------------------------------------------------------
# A name ends with one of these heads (longest first). Source: the kinds of
# projects local news reports (plants, parks, bases, lines, stations, towns).
# Must not match places that merely end the same way ("合肥循环经济示范园" as a
# location): names are only taken where a trigger speaks of them.
NAME_SUFFIXES = (
    "项目", "工程", "产业园", "工业园", "科技园", "物流园", "创业园", "产业城", "基地", "小镇",
    "研发中心", "创新中心", "智算中心", "数据中心", "购物中心", "物流中心", "呼叫中心", "展示中心",
    "商务中心", "配套中心", "综合体", "工厂", "厂房", "产线", "生产线", "电站", "电厂", "大厦", "大楼",
    "广场", "街区", "汽车城", "科技城", "未来城", "商业城", "游戏谷", "创智谷", "枢纽站", "码头",
    "医院", "学校", "公园", "绿道", "隧道", "大桥", "高速公路", "铁路", "号线", "机场", "酒店",
    # pipelines and resorts ("…二氧化碳输送管道", "…山地旅游度假区二期"); a bare "雨污管道"
    # has no proper part and is refused by the name check
    "输送管道", "输气管道", "输油管道", "度假区", "旅游区",
)  # fmt: skip
# Heads written with a line's code: "市域铁路S3线", "轨道交通M1线" (regex fragments; a bare
# "S3线" has no proper part and is refused by the name check).
# A road's or a railway's section named for a city: "甬台温高速复线温州段", "…铁路柳州段".
NAME_SUFFIX_PATTERNS = (r"[A-Z]\d{1,2}线", r"(?:高速|铁路|公路|复线|国道)[^，。；、]{0,4}?[州市县区]段")
# A part or phase written after a name: "...项目一期", "...项目地块二", "...项目A号厂房".
PART_RE = (
    r"(?:[（(]?(?:[一二三四五六七八九十\d]+期(?:工程|项目)?)[）)]?"
    r"|地块[一二三四五六七八九十\d]+"
    r"|[A-Z\d一二三四五六七八九十]+号(?:[\u4e00-\u9fff]{0,3}(?:厂房|楼|车间|地块|中心|仓库|库|馆|厂区|机组|泊位))"
    r"|首开区|启动区|一期启动区)"
)
# Cut words that also begin words inside names: regex fragments with a guard.
# "就业创业园" and "一期启动区" keep their 就 / 启动; "保障性住房" and "粮食储备库" are
# not in the list at all.
LEFT_CUT_PATTERNS = ("就(?!业)", "启动(?!区)")
# Words that start a name's left edge: anything before them is not the name.
# Verbs and prepositions that introduce a project in news prose. Single characters
# that also occur inside names (有, 在, 和, 及, 为, 是) are only cut at a clause start
# (CLAUSE_START_WORDS) so that "有限公司", "航空航天" stay whole.
LEFT_CUT_WORDS = (
    "的", "“", "”", "《", "》", "包括", "包含", "涵盖", "以及", "还有", "其中", "此外", "另外", "来到", "走进", "深入",
    "推进", "推动", "加快推进", "加快", "新开工", "再开工", "开工", "新投产", "投产", "新签约",
    "签约", "先后到", "督导", "调研", "获悉", "了解到", "介绍", "看到", "位于", "坐落在", "即将",
    "作为", "关于", "随着", "标志着", "暨", "了", "创造", "项目建设", "实现", "助推", "已有", "另有",
    "共有", "拥有", "把", "对", "确保", "优化", "挂图", "帮助", "协助", "支持", "促进", "围绕", "聚焦",
    "谋划", "招引", "确定", "感谢", "给予", "完成", "进行", "开展", "举行", "举办",
    "召开", "参加", "迎来", "入驻", "成立", "组建", "获得", "取得", "从", "要从", "监测",
    "跟进", "、", "等", "建有", "建起", "建立健全", "建立", "健全", "力争", "争取", "力促", "做好",
)  # fmt: skip
CLAUSE_START_WORDS = (
    "近日", "日前", "目前", "截至目前", "今年以来", "年初以来", "同时", "此外", "另外", "另悉",
    "据悉", "据了解", "其中", "此中", "特别是", "尤其是", "值得一提的是", "而", "并", "且", "还",
    "在", "由", "对", "把", "让", "使", "据", "该区", "该市", "该县", "全区", "全市",
    "全县", "全镇", "我市", "我区", "我县", "今年", "去年", "当天", "当日", "同日", "此次", "这次",
    "本次", "上述", "以及", "还有", "及", "等",
)  # fmt: skip
# Single characters that begin a clause but also begin place names ("有色金属", "和平区",
# "将乐县", "与"): regex fragments, cut only when the next character is not one of those.
CLAUSE_START_PATTERNS = (
    "有(?![色限机线])",
    "和(?![平林田县])",
    "将(?![乐军])",
    "与(?!会)",
    # list numbering: "1.", "（2）", "③"
    r"\d{1,2}\s*[.．、)）](?!\d)",
    r"[（(]\d{1,2}[)）]",
    "[①-⑳]",
)
# Category phrases written before a real name ("民生工程项目城南星河印象一期工程",
# "代表性项目绵阳经开教育产业园区建设项目"): the name is what follows them.
CATEGORY_PREFIX_RE = (
    r"^.*?(?:重大|重点|民生|代表性|标志性|龙头|产业类|工业类|基础设施|新基建|社会事业|领域|省级|市级|区级)"
    r"[^，。、]{0,8}?(?:项目|工程)+(?=.{4,})"
)
# Names that are only generic words: never a project of their own.
GENERIC_NAMES = {
    "项目", "该项目", "本项目", "此项目", "工程", "该工程", "一期项目", "二期项目", "一期", "二期",
    "三期", "一期工程", "二期工程", "重点项目", "重大项目", "产业项目", "工业项目", "新建项目",
    "续建项目", "签约项目", "招商项目", "在建项目", "总部基地", "基地", "产业园", "园区", "中心",
    "城", "重点产业项目", "重大产业项目", "市重点项目", "省重点项目", "省重大项目", "市重大项目",
    "民生工程", "民生项目", "基础设施项目", "城镇基础设施项目", "新型基础设施项目", "优质项目",
    "好项目", "大项目", "新项目", "产业类项目", "工程类项目", "制造业项目", "服务业项目",
    "农业项目", "外资项目", "内资项目", "关联产业项目", "战略性新兴产业项目", "项目现场",
    "项目建设", "项目部", "项目组", "建设项目", "产业化项目", "技改项目", "改造项目", "建筑工程",
    "建设工程", "整个产业园", "整个园区", "整个项目", "全部项目", "工业园", "物流园",
}  # fmt: skip
# Name characters: anything that is not clause punctuation.
NAME_STOP_CHARS = '，,。；;：:！!？?、“”"《》【】 \t\n'
# Words inside a candidate that show it is not a name but a sentence fragment.
NOT_NAME_WORDS = (
    "总投资",
    "计划投资",
    "投资额",
    "亿元",
    "万元",
    "个项目",
    "个重大",
    "个重点",
    "建设现场",
    "施工现场",
    "现场",
    "负责人",
    "推进会",
    "仪式",
    "会议",
    "进行",
    "正在",
    "全面",
    "已经",
    "开工",
    "竣工",
    "投产",
    "签约",
    "封顶",
    "开复工",
    "我们",
    "通过",
    "及时",
    "协调",
    "协议",
    "介入",
    "为企业",
    "感谢",
    "会议",
    "大会",
    "推介会",
    "活动",
    "发布会",
    "书记",
    "部长",
    "常委",
    "主任",
    "局长",
    "局",
    "管委会",
    "政府",
    "记者",
    "窗口",
    "及项目",
    "和项目",
    "实现",
    "提前",
    "厅",
    "两级",
    "各级",
    "任何",
    "未与",
    "或",
    "同志",
    "数量",
    "分别",
    "比重",
)
# After a name's "项目", these nouns show "项目" was generic ("实时监测项目动态").
GENERIC_FOLLOWERS = (
    "动态", "进展", "情况", "进度", "建设进度", "推进", "服务", "问题", "难题", "手续", "专员",
    "单位", "方", "企业", "建设过程", "建设周期", "建设", "帮代办", "帮办", "全生命周期",
    "生命周期",
)  # fmt: skip
# After "等", these nouns show the list was of things, not projects ("资料归档、跑件等工作").
NOT_PROJECT_AFTER_DENG = (
    "工作", "事项", "问题", "手续", "环节", "方面", "服务", "措施", "要素", "领域", "行业", "部门",
    "单位", "人员", "地", "功能", "内容", "产品", "设备", "机构", "央国企", "知名企业", "国家",
    "高校", "院所", "科研院所", "大学", "城市", "省份", "地区", "国内外",
)  # fmt: skip


# --- Aggregates (not milestones; optional Stat records) -------------------------
# "12个新建项目全部开工", "开工率100%", "完成投资378.7亿元", "新签约招商项目252个".
# A clause holding a count of projects is an aggregate: no milestone is taken
# from it unless a named list sits in it ("A、B、C等8个项目").
COUNT_RE = r"(?:\d+|[一二三四五六七八九十百两]+)\s*个"


# --- What a name may not be (second pass: text the rules were not written on) ----------
# Source: false names read off the offline mirror's articles ("到主厂房", "区里提出",
# "5月17日项目", "一半生产线", "厂房和公辅工程"): the usual verbs, function words and
# counts of news prose, and the generic words of building and production.
#
# Verbs and function words that cannot stand inside a project's name (regex fragments).
# They must NOT match names' own characters: "将乐县" keeps its 将, "到家" its 到 only
# at the start, "引进" never names a project ("引进外资项目" is a kind, not a name).
NOT_NAME_PATTERNS = (
    # a preposition opening the candidate: a clause, not a name ("从化区" is a place)
    r"^(?:到|从(?!化)|对|给|被|让)",
    r"^(?:建设|新建|扩建|改建|配建|打造|规划建设|主要建设)",  # a verb of building: its object
    r"将(?![乐军])",  # "物流港将和京广铁路…": a modal verb
    r"提出|安排|引进|引入|不够|不足|层高|承重|作为|本次|此次|这次|当天|之一|难题|问题",
    r"用于|应用于|适用于|包括|涵盖|以及|还有|已有",
    r"现在|就等|只等|等待|等着|期待|盼着|盼望",  # "现在就等新厂投产": a wish
    # an official's title ("副市长", "区区长", "县长王明调研…"); but "屯留区长晶光伏玻璃项目"
    # is the district 屯留区 and the company 长晶: 区长 alone is not a title
    r"(?:副|[市区县])[市区县]长|^[市区县]长"
    r"|[市区县]长[\u4e00-\u9fff]{1,3}(?:同志|一行|等|带队|调研|督导|主持|出席|表示|强调|指出|来到|深入|到)",
)
# Generic words of building and production: a name made only of these (with counts,
# phases and numbers) names no project ("厂房和公辅工程", "数据中心机房", "二期自建厂房").
# They must NOT cover a proper part: place, company or brand tokens ("北斗", "云启",
# "翼航") and distinctive product words ("锂电负极材料") are not in the list.
GENERIC_NAME_WORDS = (
    "项目", "工程", "厂房", "车间", "厂区", "机房", "生产线", "产线", "线", "中心", "数据中心",
    "研发中心", "检测中心", "服务中心", "办公楼", "研发楼", "综合楼", "大楼", "楼", "公寓",
    "宿舍", "食堂", "仓库", "库房", "用房", "设施", "配套", "公辅", "主体", "主", "附属", "辅助",
    "标准", "标准化", "洁净", "联合", "综合", "中试", "研发", "办公", "人才", "生产", "仓储",
    "动力", "改造", "扩建", "新建", "自建", "续建", "土建", "安装", "装修", "室内", "基础",
    "设备", "装置", "系统", "自动化", "智能化", "智能", "厂", "站", "房", "钢结构", "一体化",
    "成型", "加工", "组装", "总装", "试验", "实验", "研发检测", "检测", "物流", "冷库", "建设",
)  # fmt: skip
# Counts and shares before a generic thing: "一半生产线", "部分发泡生产线", "第一条…",
# "6条生产线", "首批6栋厂房". A name opening with one of these describes part of a plant.
QUANTIFIER_RE = (
    r"(?:一半|部分|其余|剩余|首批|首条|首台|首栋|其他|其它|各|全部|多条|多栋|数条"
    r"|第[一二三四五六七八九十\d]+(?:条|栋|座|幢|台|套|批|个)"
    r"|[\d一二三四五六七八九十两]+(?:条|栋|座|幢|台|套|处|家|个))"
)
# Measures at a name's start ("8兆瓦分布式光伏电站", "3万吨生产线"): a description of
# what is built, unless the text makes it a "…项目" / "…工程" of its own.
MEASURE_START_RE = (
    r"^[\d.]+(?:万|千|百)?(?:兆瓦|千瓦|吉瓦|瓦|吨|平方米|亩|套|件|台|MW|GW|kW|MWh|GWh)"
)
# A "工程" / "项目" head followed by these is inside a longer noun: "工程机械",
# "工程师", "项目代办员", "项目经理".
HEAD_INSIDE_NOUN = ("机械", "师", "院", "局", "经理", "代办", "办公室", "管理")
# What follows "等" when the list was of equipment or processes: "引进冲压、激光焊接等
# 自动化生产线24条". Must NOT match an industry ("等高端装备制造项目6个").
EQUIPMENT_AFTER_DENG_RE = (
    r"^[^，。；]{0,8}?(?:生产线|产线|设备|装置|工艺|工序)(?!制造|产业|项目|工程)"
)
