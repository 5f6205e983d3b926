"""Every model re-exported so Alembic's autogenerate and metadata.create_all see it."""

from sales_desk.models.activities import (
    Activity,
    StaffStatus,
    TeamMember,
    TeamNote,
    TerritoryRep,
    WorkLog,
)
from sales_desk.models.audit import AuditEntry
from sales_desk.models.base import Base, UTCDateTime, utcnow
from sales_desk.models.care import KeyAccountScreening, SatisfactionScore, ServiceCase, ServiceStep
from sales_desk.models.collections import (
    CollectionTarget,
    Deferral,
    DeferralItem,
    DunningStep,
    Lawsuit,
    LawsuitEvidence,
    LiabilityCharge,
    LiabilityRun,
    LiabilityShare,
    Receipt,
    WriteOff,
    WriteOffItem,
)
from sales_desk.models.credit import (
    CreditHold,
    CreditInvestigation,
    CreditLimitDecision,
    CreditRating,
    DowngradeTriggerRecord,
    InvestigationItem,
    RatingProposal,
    ScorecardLine,
)
from sales_desk.models.customers import Customer, CustomerContact, CustomerDocument, FileAccess
from sales_desk.models.dispatch import DispatchReturn, Movement, Shipment
from sales_desk.models.expenses import (
    ExpenseAttachment,
    ExpenseBudget,
    ExpenseBudgetLine,
    ExpenseClaim,
    ExpenseClaimStep,
    ExpensePayment,
    ExpenseProfile,
    ExpenseReportSubmission,
    TravelApplication,
)
from sales_desk.models.liability_faults import LiabilityFault
from sales_desk.models.opportunities import (
    Lead,
    Opportunity,
    OpportunityCompetitor,
    OpportunityContact,
    OpportunityNode,
    OpportunityProduct,
    Quotation,
    QuotationLine,
)
from sales_desk.models.orders import (
    DocumentCounter,
    OrderApproval,
    OrderLine,
    OrderPrepayment,
    Product,
    SalesOrder,
)
from sales_desk.models.performance import (
    CommissionLine,
    CommissionRun,
    CommissionScheme,
    PerfEvaluation,
    PerfWeighting,
)
from sales_desk.models.plans import AdvanceReport, SalesPlan, SalesPlanTarget, SubPlan, SubPlanLine
from sales_desk.models.price_lists import PaymentSlip, PriceList, PriceListLine
from sales_desk.models.rebates import (
    Distributor,
    Rebate,
    RebateAgreement,
    RebateItem,
    RebateTier,
    StockReport,
)
from sales_desk.models.receivables import Receivable, ReceivableAllocation
from sales_desk.models.records import DocumentContent, DocumentOutput, IssuedDocument, RefusalEntry
from sales_desk.models.relations import Interaction
from sales_desk.models.relationship import CarePlan, MarketReport
from sales_desk.models.seats import Seat
from sales_desk.models.settings import PolicyVersion, Setting
from sales_desk.models.statements import AccountStatement, StatementDifference
from sales_desk.models.users import LoginFailure, SodJustification, User, UserRole

__all__ = [
    "AuditEntry", "Base", "CreditHold", "CreditInvestigation", "CreditLimitDecision",
    "CreditRating", "Customer", "CustomerContact", "CustomerDocument", "DowngradeTriggerRecord",
    "FileAccess", "Interaction", "InvestigationItem", "LoginFailure", "RatingProposal",
    "ScorecardLine", "Setting", "SodJustification", "User", "UserRole",
    "UTCDateTime", "utcnow",
    "ExpenseAttachment", "ExpenseBudget", "ExpenseBudgetLine", "ExpenseClaim", "ExpenseClaimStep",
    "ExpensePayment", "ExpenseProfile", "ExpenseReportSubmission", "TravelApplication",
    "DispatchReturn", "DocumentCounter", "Movement", "OrderApproval", "OrderLine", "OrderPrepayment",
    "PaymentSlip", "PriceList", "PriceListLine", "Product", "Receivable", "ReceivableAllocation", "SalesOrder", "Shipment",
    "CollectionTarget", "Deferral", "DeferralItem", "DunningStep", "Lawsuit", "LawsuitEvidence",
    "LiabilityCharge", "LiabilityFault", "LiabilityRun", "LiabilityShare", "Receipt", "WriteOff", "WriteOffItem",
    "SalesPlan", "SalesPlanTarget", "SubPlan", "SubPlanLine", "AdvanceReport",
    "DocumentContent", "DocumentOutput", "IssuedDocument", "RefusalEntry",
    "PolicyVersion", "Seat",
    "AccountStatement", "StatementDifference",
    "Lead", "Opportunity", "OpportunityCompetitor", "OpportunityContact", "OpportunityNode",
    "OpportunityProduct", "Quotation", "QuotationLine",
    "Activity", "StaffStatus", "TeamMember", "TeamNote", "TerritoryRep", "WorkLog",
    "KeyAccountScreening", "SatisfactionScore", "ServiceCase", "ServiceStep",
    "CarePlan", "MarketReport",
    "CommissionLine", "CommissionRun", "CommissionScheme", "PerfEvaluation", "PerfWeighting",
    "Distributor", "Rebate", "RebateAgreement", "RebateItem", "RebateTier", "StockReport",
]
