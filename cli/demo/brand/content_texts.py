"""Content of the demo brand (data only): product knowledge articles, sales scripts, campaign briefs.

Articles name real catalogue SKUs (in brackets, e.g. [SK-HYA-CRM]) so retrieval has facts to find.
Scripts follow the field's rules of respect: short, personal, one clear reason to write, an easy
way to say no.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Doc:
    external_id: str
    title: str
    kind: str  # article | script | brief
    language: str
    tags: tuple[str, ...]
    body: str


ARTICLES = (
    Doc("article-winter-dry-skin", "冬季干皮护理指南", "article", "zh", ("护肤", "干皮", "冬季"), """
入冬以后空气湿度常常低于40%,暖气和空调让角质层的水分流失更快。干皮顾客最常说的是“脸紧、起皮、上妆卡粉”,这时候要做的是“补水 + 锁水”两步都做到位,而不是一味地厚涂。

第一步补水:洁面后先用玻尿酸水润爽肤水 [SK-HYA-TON] 湿敷两三分钟,再用玻尿酸水润精华液 [SK-HYA-SER]。三重分子玻尿酸既能停留在表面保湿,也能渗入角质层,早晚各2-3滴足够。

第二步锁水:玻尿酸水润面霜 [SK-HYA-CRM] 是大多数干皮顾客的冬季主力,50g大约用两个月;如果顾客年龄偏大、皮肤极干或者有细纹,可以推荐山茶花奢养面霜 [SK-CAM-CRM],山茶花籽油和角鲨烷的封闭性更好,夜间厚涂当睡眠面膜用效果明显。

每周2-3次的面膜 [SK-HYA-MSK] 适合在洗澡后毛孔打开时使用。别忘了身体:小腿和手肘起皮的顾客,可以搭配乳木果身体乳 [SK-BDY],含尿素,对干痒起皮改善很快。

导购提示:冬季是干皮顾客补货最集中的时候,之前买过面霜的顾客如果已经接近自己的使用周期,可以先问一句“最近皮肤还紧不紧”,再给建议,不要一上来就发链接。
"""),
    Doc("article-sensitive-cleanser", "敏感肌如何选择洁面", "article", "zh", ("护肤", "敏感肌", "洁面"), """
敏感肌顾客最怕的是“洗完脸发红发烫”。判断一支洁面是否温和,看三点:表面活性剂类型、pH值、有没有香精和酒精。

神经酰胺修护洁面乳 [SK-CER-CLN] 使用氨基酸表活,pH接近皮肤的弱酸性,同时含神经酰胺和积雪草,洗后不紧绷,是屏障受损、换季泛红顾客的首选。早上皮肤不油的话,可以只用清水,晚上再用洁面。

如果顾客是干敏皮,也可以用玻尿酸水润洁面乳 [SK-HYA-CLN];油性但容易长痘的顾客常常误用强清洁产品,越洗越油。水杨酸净透洁面乳 [SK-SAL-CLN] 含2%水杨酸,适合T区出油明显的顾客,但敏感期要停用,一周2-3次即可。

化了妆或涂了防晒的日子,先用植萃温和卸妆油 [SK-OIL] 乳化卸除,再用洁面,避免反复搓洗。

导购提示:询问顾客最近是否在用刷酸、A醇类产品,如果有,优先推荐修护线,并提醒顾客新产品先在耳后试用两天。
"""),
    Doc("article-diaper-size-guide", "婴儿纸尿裤尺码指南", "article", "zh", ("母婴", "纸尿裤", "宝妈"), """
纸尿裤尺码按体重选,而不是按月龄选。包装上的区间有重叠,宝宝处于重叠区间时,偏瘦的宝宝选小一码,腿粗或者经常侧漏的宝宝选大一码。

小橡果轻薄透气纸尿裤:S码 [BB-DIA-S] 适合4-8kg,M码 [BB-DIA-M] 适合6-11kg,L码 [BB-DIA-L] 适合9-14kg,XL码 [BB-DIA-XL] 适合12-17kg。夜里容易后漏的宝宝,可以换成夜用超薄款,例如 [BB-DPN-M] 或 [BB-DPN-L]。

宝宝会爬会走以后,很多家长改用拉拉裤 [BB-PUL-L]、[BB-PUL-XL],穿脱像内裤一样,适合如厕训练。

需要换大一码的信号:腰贴要贴到最边缘、大腿根部有勒痕、尿量没变却开始漏。一包纸尿裤一般能用两到三周,宝宝长得快,建议每次不要囤太多同一尺码。

搭配建议:纯水湿巾 [BB-WIP] 和氧化锌护臀膏 [BB-BCR] 是换尿布的固定搭档,红屁屁时每次换尿布都薄涂一层。
"""),
    Doc("article-formula-stages", "婴儿奶粉分段与转奶", "article", "zh", ("母婴", "奶粉", "宝妈"), """
配方奶粉按月龄分段,营养配比随宝宝的需要变化。雪原牧场婴儿配方奶粉1段 [BB-MLK-1] 适合0-6个月,2段 [BB-MLK-2] 适合6-12个月,3段 [BB-MLK-3] 适合1-3岁。800g一罐,按常规奶量大约能吃一个月。

转段不要一次换完。建议用7-10天逐步过渡:第一天新段一勺、旧段其余,每两三天多换一勺,同时观察大便和睡眠。同品牌转段一般比较顺利。

宝宝6个月后开始添加辅食,第一口推荐高铁有机米粉 [BB-RCE],先单一种类,再慢慢加果泥 [BB-PUR]。

导购提示:奶粉是宝妈复购最稳定的品类,但每个宝宝的奶量不同,有的三周一罐,有的五周一罐。提醒补货时按顾客自己上一次的间隔来,而不是统一在第30天发消息。
"""),
    Doc("article-retinol-beginners", "视黄醇(A醇)新手如何建立耐受", "article", "zh", ("护肤", "抗老", "视黄醇"), """
视黄醇是抗初老最有循证依据的成分之一,但新手常因为刺痛、脱皮而放弃。关键是低浓度、低频率开始。

视黄醇紧致精华液 [SK-RET-SER] 含0.1%视黄醇与胜肽,第一、二周每周用两晚,第三、四周隔天用,一个月后再考虑每晚使用。用量一颗豌豆大小即可,避开眼周和嘴角。

建立耐受期间,白天一定要防晒。清透防晒乳 [SK-SUN] SPF50+ PA++++,通勤也要涂。夜里可以在精华之后叠加视黄醇紧致面霜 [SK-RET-CRM] 或者修护型面霜 [SK-CER-CRM] 缓冲。

不建议同时使用高浓度果酸、水杨酸。孕期和备孕期的顾客不要推荐视黄醇产品。

导购提示:给新手顾客的第一次推荐,附上一张“前四周使用日历”,比单纯介绍成分更能让顾客坚持下来,也更容易带来第二瓶复购。
"""),
    Doc("article-summer-oil-control", "夏季防晒与控油", "article", "zh", ("护肤", "夏季", "油皮", "防晒"), """
夏天顾客的需求集中在两件事:不晒黑、不出油。防晒是所有护肤品里最应该“按时补货”的,50ml的防晒乳 [SK-SUN] 如果每天足量使用,一个半月就会用完。

油皮顾客的早晚清洁可以用水杨酸净透洁面乳 [SK-SAL-CLN],再用水杨酸净透爽肤水 [SK-SAL-TON] 二次清洁,帮助疏通毛孔。面霜换成质地更轻薄的乳液,例如 [SK-SAL-LOT] 或者 [SK-NIA-LOT]。

肤色暗沉的顾客,夏季是使用烟酰胺的好时候:烟酰胺焕亮精华液 [SK-NIA-SER] 早晚都可用,配合防晒效果更明显。

导购提示:618前后是防晒和控油产品的销售高峰,提前两周提醒之前买过防晒的顾客即可,不要在活动当天连续群发。
"""),
    Doc("article-coffee-beans", "咖啡豆怎么选、怎么存", "article", "zh", ("食品", "咖啡", "咖啡控"), """
选豆先问顾客怎么喝:喝美式和手冲的,推荐风味明显的单品豆;做拿铁的,推荐意式拼配。

云岭精品咖啡豆有四款:云南保山小粒 [FD-COF-YN] 坚果可可调性、性价比高;埃塞俄比亚耶加雪菲 [FD-COF-ET] 有柑橘和花香,适合手冲;哥伦比亚慧兰 [FD-COF-CO] 平衡顺滑;意式拼配 [FD-COF-ES] 油脂丰富,适合加奶。

一袋454g按每天一到两杯,大约一个月喝完。开袋后挤出空气、避光常温保存,不要放冰箱,冷凝水会让豆子受潮。手冲顾客记得搭配V60滤纸 [FD-FLT]。

上班族没有时间磨豆的话,挂耳咖啡 [FD-DRP-CL] 和冷萃咖啡液 [FD-CBR] 更方便。

导购提示:咖啡顾客的复购节奏非常稳定,喝完一袋自然会想下一袋。记录顾客偏好的产区,下次可以用“新到了一批耶加雪菲”作为联系理由。
"""),
    Doc("article-tea-gifts", "节日送茶指南", "article", "zh", ("食品", "茶", "礼品"), """
送茶看对象:送长辈,普洱和白茶可以存放,越放越有价值;送商务伙伴,龙井和铁观音更体面;送年轻朋友,茉莉花茶香气讨喜。

山野食记原产地好茶:明前西湖龙井 [FD-TEA-LJ]、福鼎白牡丹饼 [FD-TEA-BM]、云南普洱熟茶饼 [FD-TEA-PE]、武夷正山小种 [FD-TEA-ZS]、横县茉莉花茶 [FD-TEA-ML] 和安溪铁观音 [FD-TEA-TG]。全部密封铝袋包装,可加配礼袋。

中秋和春节是送茶的高峰。春节走亲访友,很多顾客会选年货礼盒 [FD-NYG],内含坚果、红枣、枸杞和茶叶;中秋可以搭配月饼礼盒 [FD-MOC]。

导购提示:提前三周联系去年节日买过礼盒的顾客,问一句“今年还需要准备吗”,比直接发价格表更有温度。
"""),
    Doc("article-cashmere-care", "羊绒衫洗护与收纳", "article", "zh", ("服饰", "羊绒", "秋冬"), """
100%山羊绒圆领毛衣 [AP-CSH-CM] 是秋冬的高客单商品,顾客最担心的是起球、缩水和虫蛀。

洗涤:建议手洗,水温不超过30℃,使用中性的羊毛羊绒洗涤剂 [HM-WOL],浸泡不超过10分钟,轻轻按压,不要揉搓和拧干。洗后平铺阴干,不能挂晾。

起球:羊绒在穿着初期轻微起球是正常现象,用羊绒梳顺着一个方向梳掉即可,不要用手拔。

收纳:换季前洗净晾干,折叠放进收纳箱 [HM-BOX],放入樟木片防蛀,不要用衣架悬挂。

导购提示:售后三天内发一条洗护提醒,比促销信息更能建立信任,也为下一季的围巾 [AP-SCF-CM] 或开衫推荐留下话题。
"""),
    Doc("article-bedding-cotton", "纯棉四件套怎么选:支数与织法", "article", "zh", ("家居", "床品", "纯棉"), """
“支数”指纱线的粗细,支数越高纱线越细,面料越顺滑。日常使用40支已经足够,60支贡缎更柔滑、有光泽,适合对触感要求高的顾客。

60支长绒棉四件套有1.5m床和1.8m床两种规格,例如 [HM-BED-15W] 和 [HM-BED-18W],烟灰色 [HM-BED-18G] 更耐脏。单独加购的枕套 [HM-PLC] 与四件套同款面料。

枕头要配合睡姿:仰睡选中低枕,侧睡选高一些的。泰国天然乳胶护颈枕 [HM-PIL-LTX] 回弹快、透气;记忆棉款 [HM-PIL-MEM] 包裹感更强。

对尘螨过敏的顾客,床品每周清洗一次,并可以搭配除螨喷雾 [HM-MIT]。

导购提示:床品是低频高客单商品,不需要频繁提醒;乔迁、婚嫁、换季是最合适的联系时机。
"""),
    Doc("article-skincare-routine-en", "Building a simple skincare routine", "article", "en",
        ("skincare", "routine"), """
Most customers do not need ten steps. A routine that is followed every day beats an elaborate one
that is abandoned after a week. Start with three steps: cleanse, treat, moisturise, plus
sunscreen in the morning.

Cleanse with a gentle amino-acid cleanser such as the Ceramide Repair Cleanser [SK-CER-CLN] or
the Hyaluronic Hydrating Cleanser [SK-HYA-CLN]. Customers with oily, blemish-prone skin can use
the Salicylic Clarifying Cleanser [SK-SAL-CLN] a few evenings a week.

Treat with one serum chosen for the main concern: Niacinamide Radiance Serum [SK-NIA-SER] for
dullness, Hyaluronic Hydrating Serum [SK-HYA-SER] for dehydration, Retinol Firming Serum
[SK-RET-SER] for early lines (start twice a week).

Moisturise with a cream or lotion from the same line, for example the Hyaluronic Hydrating Face
Cream [SK-HYA-CRM]. In the morning finish with the Sheer Sunscreen SPF50+ [SK-SUN].

Guide tip: ask how the customer's skin feels after two weeks before suggesting anything new.
"""),
    Doc("article-baby-bath-en", "Gentle bath time for babies", "article", "en", ("baby", "bath"), """
A newborn needs a bath two or three times a week, not every day; warm water at about 37 °C and
five to ten minutes are enough.

Use a tear-free, pH 5.5 wash such as the Baby 2-in-1 Wash [BB-BTW] for hair and body. After the
bath, pat dry and apply the Oat Baby Lotion [BB-LOT] all over, especially in autumn and winter
when babies get dry, itchy patches.

At every diaper change, a thin layer of Zinc Oxide Diaper Cream [BB-BCR] prevents nappy rash.
Wash baby clothes separately with the Baby Laundry Liquid [BB-BLD], which has no optical
brighteners.

Guide tip: parents of newborns are tired. Keep messages short, and never message late at night.
"""),
)

SCRIPTS = (
    Doc("script-dormant-wakeup", "沉睡客户唤醒话术", "script", "zh", ("话术", "沉睡客户", "唤醒"), """
适用对象:90天以上没有购买的老顾客。目标不是立刻成交,而是重新建立联系,让顾客愿意回复。

原则:一次只说一件事;先关心人,再提产品;给顾客一个简单的回复理由;明确告诉顾客不想收到消息可以直接说。同一位顾客30天内最多联系一次。

话术一(用过的产品):“{称呼},好久不见~ 记得您之前用的是{上次购买的产品},最近皮肤/宝宝/家里用着还顺手吗?如果快用完了,我帮您看看现在有没有合适的活动。”

话术二(季节关怀):“{称呼},天气转凉了,之前您说容易干,最近有没有觉得脸紧?我整理了几个冬季保湿的小方法,需要的话发给您。”

话术三(专属权益):“{称呼},您的会员积分还有{积分}分,下个月底到期,可以换一份小样或抵扣现金。不打扰您,需要的话回我一个1就好。”

注意:顾客回复“不需要”时,礼貌结束并记录,不要再追问;顾客已退订的,任何渠道都不再联系。
"""),
    Doc("script-second-purchase", "首单客户二次复购话术", "script", "zh", ("话术", "新客", "复购"), """
适用对象:最近90天内首次购买、还没有第二次购买的新顾客。首单到二单是流失最大的一步,做好这一步,后面的复购会顺很多。

时间点:购买后3天做使用回访,接近产品使用周期时(按顾客自己的节奏,不是统一的第30天)再做补货提醒。

使用回访:“{称呼},您好,我是{门店}的{导购名}。您前几天带走的{产品},用着感觉怎么样?有任何不适应的地方随时告诉我,我帮您调整用法。”

补货提醒:“{称呼},按您的使用习惯,{产品}差不多该用完啦。这次要不要试试搭配{搭配产品}?很多和您肤质相近的顾客一起用,效果更好。需要的话我帮您留一份。”

搭配建议:洁面搭配爽肤水,纸尿裤搭配湿巾,咖啡豆搭配滤纸。推荐不超过两个产品,附上产品清单链接即可。
"""),
    Doc("script-birthday-care", "生日关怀话术", "script", "zh", ("话术", "生日", "关怀"), """
适用对象:未来7天内过生日的顾客。生日消息是最不像营销、回复率最高的一类消息,重点是真诚。

发送时间:生日当天上午10点到12点之间,或者生日前一天。不要在深夜或清晨发送。

话术:“{称呼},生日快乐!🎂 祝您新的一岁被温柔以待。门店给您准备了一份生日小礼物,这个月来店里都可以领取,到店前跟我说一声,我提前给您包好。”

VIP顾客可以加一句:“另外您的生日月享受会员双倍积分。”

注意:生日消息里不要放商品链接和价格;如果顾客回复了,再自然地聊近况和需求。
"""),
    Doc("script-replenish-reminder", "按个人周期的补货提醒话术", "script", "zh", ("话术", "复购", "补货"), """
同样一瓶面霜,有的顾客两个月用完,有的四个月才用完。补货提醒要按顾客自己的购买间隔来:用上一次和这一次的间隔估计下一次,提前一周左右联系。

话术(护肤):“{称呼},算了一下您的{产品}应该快见底了,最近天气{天气},需要的话我先帮您留一瓶,周末路过门店直接取就好。”

话术(母婴):“{称呼},宝宝现在差不多{月龄}个月啦,纸尿裤是不是快该换{下一尺码}了?腰贴贴到最边上、腿根有勒痕就是该换码的信号。”

话术(咖啡/茶):“{称呼},新一批{产区}的豆子到店了,按您的节奏上一袋应该快喝完啦,要不要帮您留一袋?”

注意:提醒之后顾客没有回复,不要追发;下一次联系至少间隔两周。
"""),
    Doc("script-vip-care", "VIP顾客专属关怀话术", "script", "zh", ("话术", "VIP", "关怀"), """
适用对象:累计消费高、购买频繁的VIP顾客。VIP顾客在意的是被记住和被优先照顾,而不是折扣本身。

新品优先体验:“{称呼},我们下周会到一款{新品},我第一个就想到您,可以先给您留一份小样试用,喜欢再说。”

使用节奏关怀:“{称呼},按您平时的节奏,{产品}差不多该补了。这次您是门店自取还是我安排送到家?”

活动提前告知:“{称呼},双11会员日的专属价格提前给您看一下,您常用的几款都在里面,需要的话我提前帮您锁好库存。”

注意:VIP顾客也有打扰上限,一个月不超过两次主动联系;节日和生日消息算在其中。
"""),
    Doc("script-dormant-wakeup-en", "Win-back message for quiet customers", "script", "en",
        ("script", "win-back", "dormant"), """
For customers who have not bought for 90 days or more. The goal is a reply, not a sale.

Rules: one topic per message, the person before the product, an easy way to answer, and an easy
way to say no. At most one win-back message per customer in 30 days.

Option 1: "Hi {first_name}, it's {guide} from Qimu Living. You picked up {last_product} a while
ago. How has it been working for you? If it is running low, I can check what offers we have."

Option 2: "Hi {first_name}, the weather is getting dry. A few customers with skin like yours
asked me for winter tips, so I wrote some down. Shall I send them over?"

If the customer says no or asks to stop, thank them and record it. Never message an opted-out
customer through any channel.
"""),
)

BRIEFS = (
    Doc("brief-mid-autumn", "中秋回馈活动简报", "brief", "zh", ("活动", "中秋", "礼品"), """
活动时间:中秋节前三周至中秋节当天。

目标人群:一、去年中秋或春节购买过礼盒的顾客;二、近180天有购买的复购顾客;三、VIP顾客。沉睡超过一年的顾客不在本次范围内。

主推商品:山野月饼礼盒 [FD-MOC]、明前西湖龙井 [FD-TEA-LJ]、福鼎白牡丹饼 [FD-TEA-BM]、即食燕窝礼盒 [FD-BRD]、护手霜三支装 [SK-HND]。

权益:满599元赠送定制礼袋与贺卡;VIP顾客享会员价九折;企业团购20份以上可单独报价。

执行要求:每位导购只联系自己名下的顾客,每位顾客活动期间最多联系两次;使用任务中提供的话术A或B,完成后在系统里标记已发送。活动结束后复盘两版话术的回复率和成交额。
"""),
    Doc("brief-double-11", "双11会员日活动简报", "brief", "zh", ("活动", "双11", "囤货"), """
活动时间:11月1日至11月11日,11日当天为会员日。

目标人群:使用周期在11月前后到期的复购顾客(按个人周期计算),以及近一年购买过两次以上的顾客。

主推商品:护肤正装面霜与精华,例如 [SK-HYA-CRM]、[SK-CER-CRM]、[SK-NIA-SER];母婴囤货装,例如纯水湿巾整箱 [BB-WPB] 与纸尿裤;家居清洁类 [HM-LDT]、[HM-SFT]。

权益:全场八五折起,会员再享积分翻倍;纸尿裤与湿巾买二送一。

执行要求:不要在活动期间每天群发;每位顾客最多两条消息,第一条在11月1日前后发送权益说明,第二条只发给回复过或点开过清单的顾客。
"""),
    Doc("brief-spring-festival", "年货节活动简报", "brief", "zh", ("活动", "春节", "礼品"), """
活动时间:春节前三周至除夕前一天;除夕到初四门店客流低,暂停主动联系。

目标人群:去年春节购买过年货或礼品的顾客;母婴顾客(回老家前的囤货需求);VIP顾客。

主推商品:山野年货礼盒 [FD-NYG]、新疆和田骏枣 [FD-JUJ]、宁夏头茬枸杞 [FD-GOJ]、100%山羊绒圆领毛衣 [AP-CSH-CM] 与美丽诺羊毛围巾 [AP-SCF-GR]。

权益:满999元包邮到家,礼品免费包装,可代写祝福卡片。

执行要求:提醒顾客物流截止日期;回老家的宝妈顾客提前确认纸尿裤尺码,避免在外地买不到合适的尺码。
"""),
)

DOCS = ARTICLES + SCRIPTS + BRIEFS
