"""The Chinese words of the annual expense-control report, in the policy's own terms
(seed 001, 销售费用管控制度). A stop-gap like terms_zh.py: used only while the zh_CN
catalogue lacks a msgid; once the lead has translated the report, this table can go.
"""

from __future__ import annotations

ZH: dict[str, str] = {
    "Annual expense-control report": "年度营销费用控制报告",
    "Year {year}": "{year} 年度",
    "Currency: {currency}": "币种：{currency}",
    "1. Summary": "一、费用控制总体情况",
    "2. Budget and actual by category": "二、各项销售费用预算执行情况",
    "3. Budget and actual by month": "三、月度预算执行情况",
    "4. Overruns and their approvals": "四、超预算支出及审批情况",
    "5. Top spenders": "五、费用支出排名",
    "6. By department": "六、各部门费用情况",
    "7. Notes": "七、说明",
    "8. Signatures": "八、签字确认",
    "Budget for the year": "年度预算",
    "Paid": "实际支出",
    "Budget used": "预算使用率",
    "Budget left": "预算结余",
    "Claims paid": "已支付申请",
    "Not yet paid (in approval or signed)": "在途（审批中或待支付）",
    "Approved beyond the budget": "超预算审批",
    "Returned to their authors": "退回申请人",
    "Category": "费用类别",
    "Budget": "预算",
    "Difference": "差额",
    "Used": "使用率",
    "Total": "合计",
    "Month": "月份",
    "Each cell: paid (upper) and budget (lower); shaded where paid exceeds the budget.":
        "每格上为实际支出、下为预算；底色标出超预算的月份。",
    "Over by": "超支金额",
    "No category spent beyond its monthly budget.": "各项费用均未超出月度预算。",
    "Claims approved beyond the budget by the general manager:": "经总经理审批的超预算支出：",
    "No.": "编号",
    "Date": "日期",
    "Claimant": "申请人",
    "Category / item": "类别 / 项目",
    "Amount": "金额",
    "Approved by": "审批人",
    "Comment": "审批意见",
    "… and {n} more; the ledger export lists them all.": "……另有 {n} 笔，详见费用台账。",
    "No claim was approved beyond the budget.": "本年度无超预算支出审批。",
    "Nothing was paid this year.": "本年度无费用支出。",
    "Rank": "排名",
    "Name": "姓名",
    "Department": "部门",
    "Claims": "笔数",
    "Share of the total": "占总支出",
    "Pending": "在途",
    "Left": "结余",
    "No budget was approved for this year: every claim counted as beyond the budget.":
        "本年度无经批准的预算：所有费用均视为超预算。",
    "Budget in force: revision {revision}, approved by {name} on {date}.":
        "执行预算：第 {revision} 版，{name} 于 {date} 批准。",
    "Over budget for the year: {categories}.": "全年超预算的费用：{categories}。",
    "Months in which a category spent beyond its budget: {n} (section 4).": "费用项目超出月度预算共 {n} 次（见第四部分）。",
    "Claims still in approval or awaiting payment when printed (not in the paid figures): {n}, {amount}.":
        "打印时仍在审批或待支付、未计入实际支出的申请：{n} 笔，共 {amount}。",
    "Claims returned to their authors and not resubmitted: {n}.": "退回申请人后未重新提交的申请：{n} 笔。",
    "Analysis and improvements:": "分析与改进措施：",
    "Prepared by (sales department)": "编制（销售部）",
    "Checked by (finance)": "审核（财务部）",
    "Reviewed by (general manager)": "审阅（总经理）",
}
