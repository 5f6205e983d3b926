"""The demo staff's spending habits: what each kind of person claims, how much and how
often; the trade fairs and travel destinations; what approvers write when they pass or
refuse a claim. Plain data for the simulator (expense_claims.py)."""

from __future__ import annotations

from sales_desk.domain.expenses.claims import Category, StepKind

C = Category

# (category, item, low, high in yuan, weight, purposes): what each kind of person spends on
REP_SPEND = (
    (C.BUSINESS, "Hospitality", 200, 1800, 30, ("招待客户洽谈年度合同", "宴请经销商负责人", "客户来访接待")),
    (C.BUSINESS, "Communication", 100, 300, 4, ("客户联络通讯费", "外地客户长途通讯费")),
    (C.BUSINESS, "Gifts", 200, 1500, 10, ("节日客户礼品", "重点客户拜访礼品")),
    (C.BUSINESS, "Printing", 100, 600, 6, ("产品资料印刷", "报价单及合同印制")),
    (C.LOGISTICS, "Transport", 200, 1500, 8, ("样品快递运输", "急单加急运费")),
    (C.AFTER_SALES, "Repairs", 300, 2500, 6, ("客户设备上门维修", "更换故障配件")),
    (C.PUBLIC_RELATIONS, "Meetings", 500, 3000, 5, ("区域客户座谈会", "经销商季度会议")),
    (C.PERSONNEL, "Allowances", 200, 800, 4, ("外勤补贴", "加班餐补")),
)
SUPERVISOR_SPEND = (
    (C.BUSINESS, "Hospitality", 500, 3000, 6, ("重点客户商务宴请", "新客户开发接待")),
    (C.PUBLIC_RELATIONS, "Meetings", 1000, 4000, 3, ("片区销售例会场地", "客户答谢会")),
)
MANAGER_SPEND = (
    (C.ADVERTISING, "Media", 3000, 9000, 4, ("行业杂志广告投放", "网络推广投放")),
    (C.ADVERTISING, "Production", 2000, 6000, 2, ("宣传片制作", "产品画册设计制作")),
    (C.PUBLIC_RELATIONS, "Sponsorship", 5000, 15000, 1, ("行业协会年会赞助",)),
    (C.PUBLIC_RELATIONS, "PR events", 3000, 8000, 2, ("新品发布会", "客户开放日活动")),
    (C.OTHER, "Office", 300, 1500, 2, ("办公用品采购", "销售部文具耗材")),
    (C.PERSONNEL, "Welfare", 1500, 3000, 1, ("销售团队建设活动",)),
)
VP_SPEND = ((C.ADVERTISING, "Advertising planning", 3000, 8000, 1, ("年度品牌推广策划", "区域广告方案策划")),)
SERVICE_MANAGER_SPEND = (
    (C.AFTER_SALES, "Compensation", 800, 4000, 1, ("质量问题客户赔偿", "延迟交货补偿")),
    (C.AFTER_SALES, "Repairs", 500, 3000, 1, ("保修期外维修费用",)),
)
SERVICE_SPEND = (
    (C.AFTER_SALES, "Repairs", 200, 1500, 3, ("上门维修配件", "售后维修工时")),
    (C.BUSINESS, "Communication", 100, 200, 1, ("回访客户通讯费",)),
)
EXHIBITIONS = ("春季中国国际工业博览会", "秋季华南五金机电展")
DESTINATIONS = ("广州", "深圳", "北京", "成都", "武汉", "西安", "杭州", "南京", "青岛", "长沙")
REFUSALS = {
    StepKind.REVIEW: ("发票抬头不符，请重新开具", "招待人数与事由不符，请补充说明"),
    StepKind.APPROVE: ("与销售业务关联不明确", "超出费用标准，请压缩"),
    StepKind.GM: ("预算外支出理由不充分", "请先提交预算调整"),
    StepKind.FINANCE: ("缺少原始票据", "票据日期与申请不符，不符合财务规定"),
}
# finance's refusal of a claim beyond the plan that the GM has not approved (第9条): (month, year)
BEYOND_PLAN = ("超出当月支出计划，请按预算外支出重新报批", "本年度该项支出计划已用完，请压缩开支或申请调整预算")
APPROVALS = {StepKind.REVIEW: ("属实", "情况属实", ""), StepKind.APPROVE: ("同意", "同意报销", ""),
             StepKind.GM: ("同意", "同意，注意控制费用"), StepKind.FINANCE: ("单据齐全，同意支付", "核对无误", "")}
