"""The customer file's fields by their labels (msgids): the form, the import, the export
and the audit trail's changed fields speak of the same fields by the same names."""

from __future__ import annotations

from sales_desk.i18n import N_

FIELD_LABELS: dict[str, str] = {
    "code": N_("Customer code"), "name": N_("Name"), "short_name": N_("Short name"),
    "registration_no": N_("Registration no."), "address": N_("Address"), "phone": N_("Phone"),
    "legal_representative": N_("Legal representative / owner"), "key_managers": N_("Key managers"),
    "founded_on": N_("Founded"), "trading_since": N_("Trading with us since"),
    "staff_count": N_("Staff"), "company_size": N_("Company size"),
    "registered_capital": N_("Registered capital"), "total_assets": N_("Total assets"),
    "service_area": N_("Service area"), "sales_capacity": N_("Sales capacity"),
    "potential": N_("Development potential"), "business_policy": N_("Business policy"),
    "sales_history": N_("Sales history with us"), "annual_sales": N_("Annual sales with us"),
    "staff_quality": N_("Quality of managers and staff"),
    "competitor_relations": N_("Relations with competitors"),
    "cooperation_attitude": N_("Cooperation attitude"), "trade_issues": N_("Current issues"),
    "trade_strengths": N_("Strengths"), "future_plan": N_("Plans"),
    "reputation": N_("Reputation and image"), "credit_status": N_("Credit status"),
    "trade_terms": N_("Trading terms"), "past_credit_problems": N_("Past credit problems"),
    "region": N_("Region"), "industry": N_("Industry"), "nature": N_("Nature"),
    "customer_type": N_("Customer type"), "language": N_("Letter language"), "key_account": N_("Key account"),
    "first_contact_on": N_("First contact"),
    "purchasing_procedure": N_("Purchasing procedure"), "demand_plan": N_("Demand plan"),
    "info_source_level": N_("Information source level"),
}
