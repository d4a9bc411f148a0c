"""Vocabularies of the seed-file parsers (spam, boilerplate, outlets, bylines).

Each list says where its words come from and what they must not match. All
words are matched on the Simplified form of a line (OpenCC t2s), so one
entry covers both scripts. Grow these lists, not the code.
"""

from __future__ import annotations

# --- Spam (spam.py) ---------------------------------------------------------
# STRONG: words that never occur in government news. Taken from the SEO junk
# injected into the seed pages and from the usual porn/gambling keyword salad
# of hacked .gov.cn pages (jionlp's pornography list has the same families).
# Must not match: 色 alone (特色), 娱乐 alone (文化娱乐), 彩票 alone (福利彩票
# news), 天堂 alone (购物天堂), 皇冠 alone (皇冠假日酒店).
SPAM_STRONG: tuple[str, ...] = (
    "无码", "有码", "四虎", "av无码", "日韩av", "成人影院", "在线影院", "毛片", "一本道",
    "人妻", "中文字幕", "乱码中文", "亚洲精品", "国产精品", "精品国产", "偷拍", "自拍偷",
    "男人的天堂", "色官网", "人人爽", "人人做", "久久精品", "黄色网站", "黄片", "三级片",
    "伦理片", "午夜福利", "av在线", "在线av", "草榴", "约炮", "口交", "做爱", "性爱",
    "百家乐", "博彩", "赌场", "赌博网", "真人娱乐", "娱乐城", "娱乐平台", "娱乐游戏平台",
    "娱乐官网", "彩票网", "彩票平台", "时时彩", "六合彩", "北京赛车", "pk10", "老虎机",
    "棋牌游戏", "投注网", "网上投注", "开户送", "注册送", "首存", "彩金", "菠菜",
    "澳门新葡京", "威尼斯人", "太阳城集团", "皇冠体育", "皇冠娱乐", "皇冠手机", "手机娱乐",
    "线上娱乐", "网上娱乐", "娱乐网址", "娱乐app", "捕鱼游戏", "电子游艺", "迷药", "代孕",
)
# WEAK: words common in spam salad but also in real text; count only next to
# a STRONG word or in a separator-salad line (亚洲, 欧美 and 在线 do appear in news).
SPAM_WEAK: tuple[str, ...] = (
    "亚洲", "欧美", "日韩", "国产", "精品", "在线", "视频", "免费", "观看", "影院", "天堂",
    "www", "电影", "手机版", "高清", "字幕", "乱码", "官网", "网址", "下载", "直播", "av",
)
# Gambling brand words that start an injected phrase when an SEO suffix follows
# (皇冠手机娱乐游戏平台). Must not match the brand alone (皇冠假日, 金沙江, 银河系).
SPAM_BRANDS: tuple[str, ...] = (
    "皇冠", "澳门", "新葡京", "葡京", "威尼斯人", "金沙", "太阳城", "永利", "银河", "博彩",
    "真人", "百家乐", "彩票", "棋牌", "体育", "电竞", "九州", "亚博", "开元", "必发",
)
SPAM_SUFFIXES: tuple[str, ...] = (
    "手机", "网上", "在线", "线上", "娱乐", "游戏", "平台", "官网", "官方", "网址", "网站",
    "开户", "注册", "登录", "入口", "下载", "app", "投注", "直营", "网", "城",
)
# Suffixes that prove the SEO intent (a brand + only 网 or 城 is a normal name).
SPAM_SUFFIXES_STRONG: tuple[str, ...] = ("娱乐", "游戏平台", "平台", "官网", "开户", "投注", "网址", "app")

# --- Boilerplate (boilerplate.py) -------------------------------------------
# Whole lines that are page chrome (navigation, sharing, forum buttons). From
# the seed/dev dumps and common CMS templates. Compared after stripping
# brackets and spaces, so 【打印】 and [ 关闭 ] match 打印 and 关闭.
CHROME_LINES: frozenset[str] = frozenset({
    "返回首页", "返回顶部", "相关新闻", "相关阅读", "相关文章", "相关链接", "分享", "分享到",
    "打印", "打印本页", "关闭", "关闭窗口", "收藏", "加入收藏", "推荐", "推荐图文", "推荐资讯",
    "推荐阅读", "点击排行", "热点排行", "热门文章", "热门推荐", "最新文章", "最新资讯",
    "上一篇", "下一篇", "网友评论", "发表评论", "我要评论", "评论", "查看评论", "纠错",
    "扫一扫", "微信", "微博", "qq空间", "微信扫一扫", "字号", "大中小", "x", "×", "logo",
    "找回密码", "立即注册", "登录", "注册", "搜索", "复制链接", "显示全部楼层", "阅读模式",
    "百度统计和谷歌广告", "资料图", "图片", "视频", "更多", "返回", "返回列表", "回复",
    "同类资讯", "更多同类资讯", "更多>同类资讯", "图片新闻", "专题", "首页", "导航",
})
# Line openings that mark chrome whatever follows (breadcrumbs, counters, forum).
CHROME_PREFIXES: tuple[str, ...] = (
    "您现在的位置", "你现在的位置", "当前位置", "您的位置", "我的位置", "所在位置", "位置:",
    "浏览次数", "阅读次数", "点击数", "点击次数", "访问量", "查看:", "马上注册", "您需要 登录",
    "您需要登录", "本帖最后由", "分享到:", "相关新闻:", "相关阅读:", "原标题", "扫描二维码",
    "字号:", "【字体", "[字体", "打印本页", "来自:", "顶图", "题图", "头图", "图片来源",
)
# Line fragments that start a footer: copyright, disclaimer, contact blocks.
# Everything from such a line to the end of the page is dropped. Must not match
# body text: 版权 alone (版权保护 news), 声明 alone.
FOOTER_MARKERS: tuple[str, ...] = (
    "版权所有", "版权声明", "免责声明", "版权及免责声明", "版权与信息产品内容销售的声明",
    "all rights reserved", "copyright", "©", "icp备", "icp证", "公网安备", "咨询热线",
    "联系电话:", "网站首页 |", "网站首页|", "关于我们", "联系我们", "网站地图", "违法和不良信息举报",
    "本网转载自其它媒体", "凡本网注明", "未经书面授权",
)
# Labels in front of the page's date (and reasons a line is metadata).
DATE_LABELS: tuple[str, ...] = (
    "发稿时间", "发布时间", "发布日期", "发表时间", "发表于", "更新时间", "时间", "日期",
    "稿件日期", "录入时间", "上传时间", "刊发时间",
)

# --- Outlets (metadata.py) ---------------------------------------------------
# Name endings of news outlets; a 来源 value or a date-line word is taken as an
# outlet when it ends with one of them (and is not a generic word).
OUTLET_SUFFIXES: tuple[str, ...] = (
    "日报", "晚报", "晨报", "早报", "商报", "时报", "周报", "报社", "报", "网", "新闻网",
    "电视台", "广播电台", "台", "社", "在线", "客户端", "融媒", "融媒体中心", "发布",
    "开发区", "经开区", "高新区", "新区", "管委会", "政府", "人民政府", "办公室", "委员会",
    "局", "中心", "杂志", "频道", "新闻", "之声",
)
# Words that are never outlets although they look like one (the site's own
# self-reference and generic words).
OUTLET_STOP: frozenset[str] = frozenset({
    "本报", "本网", "本站", "本台", "网络", "互联网", "网", "报", "原创", "综合", "转载", "未知",
    "新闻", "中心", "新闻中心", "其他", "来源", "作者", "记者", "编辑",
})
# Pinyin of the character an outlet name ends with, for names whose last
# character was eaten by mojibake but whose pinyin annotation survived
# (綿陽日?qǐng)?bào) -> 绵阳日报).
OUTLET_PINYIN_TAIL: dict[str, str] = {"bào": "报", "wǎng": "网", "tái": "台", "shè": "社"}

# --- Bylines (metadata.py) ---------------------------------------------------
# Role words inside a byline; the names after them are authors.
AUTHOR_ROLES: tuple[str, ...] = (
    "特约记者", "见习记者", "本报记者", "首席记者", "记者", "通讯员", "实习生", "摄影", "摄",
    "文/图", "文图", "图/文", "文", "图", "作者", "撰稿", "报道",
)
EDITOR_LABELS: tuple[str, ...] = ("责任编辑", "责编", "编辑", "审核", "校对", "值班编辑", "主编")
