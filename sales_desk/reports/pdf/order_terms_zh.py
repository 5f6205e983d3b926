"""The Chinese words of the sales contract and the dispatch note, in the policy's terms.

A stop-gap like terms_zh.py: used only while the zh_CN catalogue lacks a msgid.
"""

from __future__ import annotations

from sales_desk.reports.pdf.base import FormText
from sales_desk.reports.pdf.terms_zh import ZH

ORDER_ZH: dict[str, str] = {
    # titles
    "Sales contract": "销售合同",
    "Sales contract (internal copy)": "销售合同（内部存档联）",
    "Dispatch note": "发货单",
    "Contract no. {no}": "合同编号 {no}",
    "Note no. {no}": "单号 {no}",
    "Order no.": "合同编号",
    "Printed {at}": "打印时间 {at}",
    "Page {page} of {pages}": "第 {page} 页 / 共 {pages} 页",
    # sections
    "1. Parties": "一、合同双方",
    "2. Goods": "二、产品、数量及价款",
    "2. Goods shipped": "二、发货明细",
    "3. Payment terms": "三、付款方式",
    "4. Delivery": "四、交货条款",
    "5. Other terms": "五、其他约定",
    "6. Reviews and approvals": "六、评审与审批记录",
    "7. Signatures": "七、签章",
    "6. Signatures": "六、签章",
    "1. Consignee": "一、收货单位",
    "3. Transport": "三、运输",
    "4. Hand-over": "四、交接",
    "5. Signatures": "五、签字确认",
    # parties
    "Seller": "供方",
    "Buyer": "需方",
    "Buyer's address": "需方地址",
    "Contract date": "合同日期",
    "Signed on": "签订日期",
    "Contact": "联系人",
    "Consignee": "收货单位",
    "Delivery address": "收货地址",
    # goods
    "Product": "产品名称及规格",
    "Code": "产品编号",
    "Unit": "单位",
    "Quantity": "数量",
    "Unit price": "单价",
    "Amount": "金额",
    "Ordered": "订货数量",
    "This shipment": "本次发货",
    "Shipped to date": "累计发货",
    "Still to ship": "尚未发货",
    "Total": "合计",
    "Amount in capitals (RMB)": "合计人民币（大写）",
    "* price below the floor, approved by the sales VP": "* 低于最低限价，经销售副总审批",
    # payment
    "Cash on delivery: paid in full on the day of delivery.": "货到付款：交货当日付清全部货款。",
    "Prepayment of {pct} % ({amount}) before delivery; nothing ships before it has arrived in full.":
        "预付货款 {pct}%（{amount}），预付货款全部到账后方予发货。",
    "The balance is due {days} days after each shipment.": "余款于每批发货后 {days} 天内付清。",
    "The balance is due on the day of each shipment.": "余款于每批发货当日付清。",
    "Payment in full in advance.": "全额预付。",
    # delivery
    "Delivery terms": "交货方式",
    "Delivery date": "交货日期",
    "Notes": "备注",
    # reviews
    "Review": "评审/审批事项",
    "Decision": "审批结果",
    "By": "审批人",
    "Date": "日期",
    "Note": "意见",
    "Approved": "同意",
    "Refused": "不同意",
    "Blocked": "未通过",
    "Approved for dispatch (credit check)": "审核发货（信用审核）",
    "Major contract": "重大销售合同",
    # transport and hand-over
    "Carrier": "承运单位",
    "Tracking no.": "运单号",
    "Freight": "运费",
    "Insurance": "保险费",
    "Value of goods": "货物价值",
    "Invoice": "应收单号",
    "Due date": "付款到期日",
    "Ship date": "发货日期",
    "Handed over on": "交接日期",
    "Received by": "接收人",
    "Not yet handed over.": "尚未交接。",
    # signatures
    "Seller (authorized representative, seal)": "供方（授权代表签字、盖章）",
    "Buyer (authorized representative, seal)": "需方（授权代表签字、盖章）",
    "Shipped by (warehouse)": "发货人（仓储）",
    "Carrier (driver)": "承运人（司机）",
    "Received by (customer)": "收货人（需方）",
    "Name: {name}": "姓名：{name}",
    "Signature:": "签字：",
    "Date: {date}": "日期：{date}",
    "{n} days": "{n} 天",
}


class OrderText(FormText):
    """`_` for the order forms: the catalogue, then these terms, then the credit forms' terms."""

    def __call__(self, msgid: str) -> str:
        return self.term(msgid, ORDER_ZH.get(msgid) or ZH.get(msgid, msgid))
