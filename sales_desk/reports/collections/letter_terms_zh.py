"""The Chinese words of the collection letters and the credit audit, in the policy's terms
(seed 001 销售回款管理制度 第10条; 客户信用管理制度 第19条).

A stop-gap like terms_zh.py: used only while the zh_CN catalogue lacks a msgid.
"""

from __future__ import annotations

from sales_desk.i18n import N_
from sales_desk.reports.common.pdf_base import FormText
from sales_desk.reports.common.terms_zh import ZH

# The letters' running text (msgids, English); their Chinese is in LETTER_ZH below.
REMINDER_BODY = N_(
    "Thank you for your continued trust and support. Under our sales contracts the amounts below fall due "
    "shortly. Please have your accounts department arrange payment by the due date. If payment is already "
    "on its way, please disregard this letter.")
THANK_YOU_BODY = N_(
    "Thank you sincerely for your long-standing trust and support; we value our cooperation highly. Our "
    "records show that the amounts below have passed the payment date agreed in our contracts. We understand "
    "this may be an oversight and would be grateful if you could arrange payment by {deadline}, so that we "
    "can continue to serve you as before. If you have already paid, please disregard this letter and accept "
    "our thanks.")
DUNNING_BODY = N_(
    "Under the sales contracts between us we have delivered the goods as agreed. As of the date of this "
    "notice you owe us {total} in all, the earliest amount overdue since {first_due}. We have asked for "
    "payment before; the collection so far is shown below.")
DUNNING_DEADLINE = N_("Please pay the full amount above into our account by {deadline}.")
DUNNING_MEASURES = N_(
    "If payment has not arrived by then, we shall stop all deliveries on credit, instruct our lawyers to "
    "send you a lawyer's letter and bring an action before the people's court to recover the whole debt with "
    "interest for late payment; all costs of the action and of counsel will be yours.")
LAWYER_BODY = N_(
    "We act for {company} (\"our client\") in the matter of the purchase price you owe them, and "
    "write formally as follows. Our client delivered goods to you as agreed; you still owe {total} in all, "
    "the earliest amount overdue since {first_due}. Our client sent you a dunning notice on {notice}; you "
    "have not paid.")
LAWYER_DEADLINE = N_("We hereby demand that you pay our client the whole amount owed by {deadline}.")
LAWYER_MEASURES = N_(
    "Failing payment by that date, we are instructed to bring an action before the competent people's court "
    "for the whole debt, interest for late payment and all costs our client incurs in recovering it, "
    "including court and counsel fees, and to apply for the preservation of your assets. We trust you will "
    "give this matter the serious attention it requires.")

LETTER_ZH: dict[str, str] = {
    # titles
    "Payment reminder": "付款提醒函",
    "Thank-you letter": "感谢信",
    "Dunning notice": "催款通知书",
    "Lawyer's letter": "律师函",
    "Monthly credit audit": "授信执行情况月度稽核报告",
    # letter head and addressee
    "No. {ref}": "编号：{ref}",
    "Date: {date}": "日期：{date}",
    "To: {name}": "致：{name}",
    "Customer code: {code}": "客户编号：{code}",
    "Address: {address}": "地址：{address}",
    "Attention: {contact}": "联系人：{contact}",
    "Sent by: {method}": "送达方式：{method}",
    "Dear {name},": "{name}：",
    "Dear Sir or Madam,": "尊敬的客户：",
    # bodies
    REMINDER_BODY: (
        "感谢贵公司一直以来对我公司的信任与支持。根据双方签订的销售合同，以下款项即将到期，"
        "烦请贵公司安排财务人员于到期日前按时付款。如已安排付款，请忽略本函。"),
    THANK_YOU_BODY: (
        "衷心感谢贵公司长期以来对我公司的信任与支持，双方的良好合作令我们倍感珍惜。"
        "经核对账目，以下款项已超过合同约定的付款期限。我们理解这可能是一时疏忽，"
        "恳请贵公司于 {deadline} 前安排支付，以便我们继续为贵公司提供优质的产品与服务。"
        "如贵公司已经付款，请忽略本函并接受我们的谢意。"),
    DUNNING_BODY: (
        "根据双方签订的销售合同，我公司已按约定向贵公司交付货物。截至本通知书发出之日，"
        "贵公司尚欠我公司货款合计 {total}，最早一笔自 {first_due} 起逾期未付。我公司此前已多次催收，"
        "催收经过见下表。"),
    DUNNING_DEADLINE: "请贵公司务必于 {deadline} 前将上述欠款全部汇入我公司账户。",
    DUNNING_MEASURES: (
        "逾期仍未付款的，我公司将停止对贵公司的一切赊销发货，并委托律师发出律师函、"
        "依法向人民法院提起诉讼，追讨全部欠款及逾期付款利息，由此产生的诉讼费、律师费等"
        "一切费用由贵公司承担。"),
    LAWYER_BODY: (
        "本律师受 {company}（以下简称“委托人”）的委托，就贵公司拖欠委托人货款一事，"
        "郑重致函如下：委托人依约向贵公司交付了货物，贵公司至今尚欠货款合计 {total}，"
        "最早一笔自 {first_due} 起逾期。委托人已于 {notice} 向贵公司发出催款通知书，贵公司仍未付款。"),
    LAWYER_DEADLINE: "请贵公司于 {deadline} 前向委托人付清全部欠款。",
    LAWYER_MEASURES: (
        "逾期未付的，本律师将依委托人的授权，向有管辖权的人民法院提起诉讼，要求贵公司支付全部欠款、"
        "逾期付款利息及委托人为实现债权支出的诉讼费、律师费等全部费用，并依法申请财产保全。"
        "望贵公司珍视双方合作，慎重对待，切勿自误。"),
    "an earlier date": "此前",
    # tables
    "Reason of the debt": "欠款事由",
    "Document no.": "单据号",
    "Contract / shipment": "合同 / 发货单",
    "Document date": "单据日期",
    "Due date": "到期日",
    "Days overdue": "逾期天数",
    "Amount owed": "欠款金额",
    "Total owed": "欠款合计",
    "Collection so far": "催账经过",
    "Date": "日期",
    "What was done": "催收事项",
    "Sent by / number": "送达方式 / 编号",
    "Amount": "金额",
    "Payment received {number}": "收到回款 {number}",
    "Payment deadline and measures": "付款期限与措施",
    "Amounts falling due": "即将到期款项",
    "Amounts past due": "逾期款项",
    # closing
    "Yours faithfully,": "此致\n敬礼！",
    "Your contact: {rep}": "联系人：{rep}",
    "(company seal)": "（公司盖章）",
    "Law firm: ____________________": "律师事务所：____________________",
    "Lawyer: ____________________": "律师：____________________",
    "On behalf of {company}": "受 {company} 委托",
    "Page {page}": "第 {page} 页",
    # credit audit
    "Month {month}, open amounts as of {date}": "{month}，应收余额截至 {date}",
    "1. Overview": "一、总体情况",
    "2. Limits and usage": "二、信用额度及使用情况",
    "3. Breaches": "三、超限情况",
    "4. Credit overrides approved": "四、超额度书面批准",
    "5. Orders blocked by the credit check": "五、信用审核拦截的订单",
    "6. Limits set": "六、信用额度调整",
    "7. Signatures": "七、签字",
    "Customers with credit": "授信客户数",
    "Limits in all": "信用额度合计",
    "Open receivables": "应收账款余额",
    "Over the limit": "超限客户数",
    "Overrides": "超额度批准笔数",
    "Orders blocked": "拦截订单数",
    "Holds started": "新增信用冻结",
    "Code": "客户编号",
    "Customer": "客户名称",
    "Grade": "等级",
    "Limit": "信用额度",
    "Term": "账期",
    "Open at month end": "月末应收余额",
    "Overdue": "逾期金额",
    "Usage": "使用率",
    "On hold": "冻结",
    "Order": "订单",
    "Approved by": "批准人",
    "Approved at": "批准时间",
    "Allowed beyond": "批准超额",
    "Reason": "理由",
    "Blocked at": "拦截时间",
    "Why": "原因",
    "Excess": "超出金额",
    "Status now": "当前状态",
    "Set at": "调整时间",
    "Before": "调整前",
    "After": "调整后",
    "Set by": "调整人",
    "none": "无",
    "Prepared by (finance)": "编制（财务部）",
    "Reviewed by (finance director)": "审核（财务总监）",
    "not capped": "不限",
    "{n} days": "{n}天",
}


class LetterText(FormText):
    """`_` for the letters and the audit: the catalogue, then these terms, then the forms' terms."""

    def __call__(self, msgid: str) -> str:
        return self.term(msgid, LETTER_ZH.get(msgid) or ZH.get(msgid, msgid))
